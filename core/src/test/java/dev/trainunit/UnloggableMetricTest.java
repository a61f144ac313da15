package dev.trainunit;

import static dev.trainunit.TestTrials.readJsonLines;
import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A metric that cannot be logged (its toString() throws, it is nested deeper than any reader takes,
 * it contains itself) must not corrupt the result logs: it used to leave a half-written object in
 * result.json, the next result was written inside it, and every later train() threw. Now the metric
 * is logged in a safe form, every line of result.json stays one valid JSON object, and progress.csv
 * keeps every row.
 */
class UnloggableMetricTest {

  @TempDir Path tmp;

  /** A metric whose toString() throws. */
  static final class Hostile {
    @Override
    public String toString() {
      throw new IllegalStateException("toString refused");
    }
  }

  static Object deeplyNested(int depth) {
    Map<String, Object> m = new HashMap<>();
    Map<String, Object> inner = m;
    for (int i = 0; i < depth; i++) {
      Map<String, Object> next = new HashMap<>();
      inner.put("d", next);
      inner = next;
    }
    return m;
  }

  static Object selfContaining() {
    Map<String, Object> m = new HashMap<>();
    m.put("self", m);
    return m;
  }

  static final Map<String, Supplier<Object>> BAD =
      Map.of(
          "toStringThrows", Hostile::new,
          "nested1001Deep", () -> deeplyNested(1001),
          "containsItself", UnloggableMetricTest::selfContaining);

  /** Reports a bad metric on its second iteration, besides a good one every time. */
  public static class BadMetric extends AbstractTrainable {
    String bad;

    @Override
    protected void setup(Config config) {
      bad = config.getString("bad");
    }

    @Override
    protected Map<String, Object> step() {
      return iteration() == 1
          ? Map.of("loss", 0.5, "bad", BAD.get(bad).get(), "after", 7)
          : Map.of("loss", 1.0 / (iteration() + 1));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"toStringThrows", "nested1001Deep", "containsItself"})
  void anUnloggableMetricIsLoggedSafelyAndLaterResultsStillAre(String bad) throws Exception {
    BadMetric t = start(BadMetric.class, Config.of(Map.of("bad", bad)), tmp);
    for (int i = 0; i < 4; i++) t.train();
    t.stop();

    List<Map<String, Object>> lines = readJsonLines(t.logdir().resolve("result.json"));
    assertThat(lines).hasSize(4);
    assertThat(lines).extracting(l -> l.get("training_iteration")).containsExactly(1, 2, 3, 4);
    Map<String, Object> second = lines.get(1);
    assertThat(second.get("bad")).asString().contains("unloggable");
    assertThat(second).containsEntry("loss", 0.5).containsEntry("after", 7);

    List<Map<String, String>> rows = readCsv(t.logdir().resolve("progress.csv"));
    assertThat(rows).hasSize(4);
    assertThat(rows)
        .extracting(r -> r.get("training_iteration"))
        .containsExactly("1", "2", "3", "4");
  }

  private static List<Map<String, String>> readCsv(Path file) throws Exception {
    try (MappingIterator<Map<String, String>> rows =
        new CsvMapper()
            .readerFor(Map.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      return rows.readAll();
    }
  }
}

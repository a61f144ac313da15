package dev.trainunit;

import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.trainunit.internal.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each line of {@code result.json} is, byte for byte, what Jackson (with the fast double writer it
 * was written with before) writes for the result's combined map, whatever the result holds; a value
 * that cannot be written is replaced, in a line that is otherwise the same.
 */
class ResultLineTest {

  private static final ObjectWriter JACKSON =
      Json.MAPPER.writer().with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());

  @TempDir Path tmp;

  /** Metrics of every shape, one map per iteration, in turn. */
  public static class Varied extends AbstractTrainable {
    private final Random random = new Random(42);

    @Override
    protected Map<String, Object> step() {
      long i = iteration() + 1;
      Map<String, Object> m = new LinkedHashMap<>();
      switch ((int) (i % 7)) {
        case 0 -> {
          m.put("loss", 0.1 * i);
          m.put("nan", Double.NaN);
          m.put("inf", Double.POSITIVE_INFINITY);
          m.put("ninf", Double.NEGATIVE_INFINITY);
          m.put("zero", -0.0);
        }
        case 1 -> {
          Map<String, Object> inner = new LinkedHashMap<>();
          inner.put("f1", 1e-9 * i);
          inner.put("none", null);
          m.put("eval", Map.of("acc", 1 / 3.0, "inner", inner));
          m.put("tags", List.of("a", "b", 1.5));
        }
        case 2 -> {
          m.put("quote\"key", 1);
          m.put("new\nline", 2.5);
          m.put("tab\tkey\u0000", "v\u0001\\/");
          m.put("é€😀", 3L);
          m.put("", "empty key");
        }
        case 3 -> {
          m.put("big", 1e300);
          m.put("tiny", Double.MIN_VALUE);
          m.put("sci", 1.2345e-5);
          m.put("seven", 1e7);
          m.put("below", 9999999.999);
          m.put("long", Long.MAX_VALUE);
          m.put("f", 0.1f);
          m.put("bd", new BigDecimal("1.50"));
          m.put("array", new double[] {1.5, Double.NaN});
        }
        case 4 -> {
          m.put(Result.TRAINING_ITERATION, 100 + i);
          m.put(Result.TIME_THIS_ITER_S, 0.25);
          m.put(Result.TIMESTEPS_THIS_ITER, 5);
          m.put(Result.EPISODES_THIS_ITER, 2);
          m.put(Result.TIME_TOTAL_S, "overridden by the framework");
        }
        case 5 -> {
          m.put("random", Double.longBitsToDouble(random.nextLong()));
          m.put("short", Math.round(random.nextDouble() * 1e6) / 1e3);
          m.put("sum", 0.1 + 0.2);
        }
        default ->
            m.put(
                "unloggable",
                new Object() {
                  @Override
                  public String toString() {
                    throw new IllegalStateException("no text");
                  }
                });
      }
      return m;
    }
  }

  @Test
  void eachLineIsWhatJacksonWritesForTheResultsMap() throws Exception {
    Config config =
        Config.parse("{\"lr\": 0.1, \"opt\": {\"beta\": 0.9, \"eps\": 1e-8}, \"name\": \"a\\nb\"}");
    Varied t = start(Varied.class, config, tmp);
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < 70; i++) results.add(t.train());
    t.stop();
    List<String> lines = Files.readAllLines(t.logdir().resolve("result.json"));
    assertThat(lines).hasSize(results.size());
    for (int i = 0; i < results.size(); i++) {
      Map<String, Object> expected = new LinkedHashMap<>(results.get(i).asMap());
      if (expected.containsKey("unloggable")) {
        Object written = TestTrials.readJson(lines.get(i)).get("unloggable");
        assertThat(written).asString().startsWith("unloggable: ");
        expected.put("unloggable", written);
      }
      assertThat(lines.get(i))
          .as("line %d", i + 1)
          .isEqualTo(new String(JACKSON.writeValueAsBytes(expected), StandardCharsets.UTF_8));
    }
  }
}

package dev.trainunit;

import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trainunit.TestTrainables.Counter;
import dev.trainunit.logging.LoggerCreator;
import dev.trainunit.logging.ResultLoggers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reset() reopens the result logs for the new config. A metric key holding a line feed broke
 * reopening progress.csv (its header was read back line by line), and reset() then failed after
 * resetConfig had already switched the instance to the new config: half reset.
 */
class ResetLogsTest {

  private static final Config B = Config.parse("{\"lr\": 0.25}");

  @TempDir Path tmp;

  /** A metric whose key holds a line feed and a carriage return. */
  public static class OddKey extends Counter {
    @Override
    protected Map<String, Object> step() throws Exception {
      Map<String, Object> m = super.step();
      m.put("two\nlines\rkey", 1);
      return m;
    }
  }

  @Test
  void aMetricKeyWithALineFeedDoesNotBreakReopeningProgressCsv() throws Exception {
    OddKey t = start(OddKey.class, tmp);
    t.train();

    assertThat(t.reset(B)).isTrue();
    t.train();
    t.stop();

    List<Map<String, String>> rows = readCsv(t.logdir().resolve("progress.csv"));
    assertThat(rows)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r).containsEntry("two\nlines\rkey", "1"));
  }

  @Test
  void resetWhoseLogsCannotBeReopenedLeavesTheInstanceAsItWas() {
    AtomicInteger created = new AtomicInteger();
    LoggerCreator failsTheSecondTime =
        (config, logdir) -> {
          if (created.incrementAndGet() == 2) throw new IOException("disk full (simulated)");
          return ResultLoggers.tuneDefaults().create(config, logdir);
        };
    Counter t =
        TrainableFactory.create(
            Counter.class,
            Config.parse("{\"lr\": 0.5}"),
            TestTrials.trial(tmp).loggerCreator(failsTheSecondTime).build());
    t.train();
    t.train();

    assertThatThrownBy(() -> t.reset(B))
        .isInstanceOf(TrainableException.class)
        .hasMessageContaining("cannot open result logs")
        .hasRootCauseMessage("disk full (simulated)");

    assertThat(t.getConfig().getDouble("lr")).as("config unchanged").isEqualTo(0.5);
    assertThat(t.lr).as("resetConfig not applied").isEqualTo(0.5);
    assertThat(t.iteration()).as("counters unchanged").isEqualTo(2);
    t.train();
    t.stop();
    assertThat(TestTrials.number(t.iteration())).isEqualTo(3);
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

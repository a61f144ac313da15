package dev.trainunit;

import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.TestTrainables.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainBufferedTest {

  @TempDir Path tmp;

  private static List<Long> iterations(List<Result> results) {
    return results.stream().map(Result::trainingIteration).toList();
  }

  @Test
  void zeroBufferTimeStillGivesOneResult() {
    Counter t = start(Counter.class, tmp);

    List<Result> results = t.trainBuffered(Duration.ZERO, 1000);

    assertThat(iterations(results)).containsExactly(1L);
    assertThat(t.iteration()).isEqualTo(1);
  }

  @Test
  void runsUntilTheBufferTimeIsSpent() {
    Counter t = start(Counter.class, Config.parse("{\"sleep_ms\": 20}"), tmp);
    t.train(); // warm-up: the first result pays for class loading in the result loggers

    long start = System.nanoTime();
    List<Result> results = t.trainBuffered(Duration.ofMillis(500));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    // Nothing but the deadline can end this run: no done, no should_checkpoint, a cap of 1000.
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(500);
    // Each step sleeps at least 20 ms, so the deadline passes after at most 25 of them.
    assertThat(results).hasSizeBetween(2, 25);
    assertThat(iterations(results))
        .isEqualTo(LongStream.rangeClosed(2, results.size() + 1).boxed().toList());
  }

  @Test
  void stopsAtTheFirstDoneResult() {
    Counter t = start(Counter.class, Config.parse("{\"done_at\": 3}"), tmp);

    List<Result> results = t.trainBuffered(Duration.ofMinutes(1), 100);

    assertThat(iterations(results)).containsExactly(1L, 2L, 3L);
    assertThat(results.get(2).isDone()).isTrue();
  }

  @Test
  void stopsAtTheFirstResultAskingForACheckpoint() {
    Counter t = start(Counter.class, Config.parse("{\"checkpoint_at\": 2}"), tmp);

    List<Result> results = t.trainBuffered(Duration.ofMinutes(1), 100);

    assertThat(iterations(results)).containsExactly(1L, 2L);
    assertThat(results.get(1).shouldCheckpoint()).isTrue();
  }

  @Test
  void stopsAtTheLengthCap() {
    Counter t = start(Counter.class, tmp);

    assertThat(iterations(t.trainBuffered(Duration.ofMinutes(1), 4)))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(iterations(t.trainBuffered(Duration.ofMinutes(1), 1))).containsExactly(5L);
    assertThatThrownBy(() -> t.trainBuffered(Duration.ofMinutes(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBufferLength");
  }

  @Test
  void givesTheSameResultsAsRepeatedTrain() {
    Config config = Config.parse("{\"time\": 0.5}");
    Counter buffered = start(Counter.class, config, tmp.resolve("a"));
    Counter plain = start(Counter.class, config, tmp.resolve("b"));

    List<Result> fromBuffer = buffered.trainBuffered(Duration.ofMinutes(1), 5);

    for (Result r : fromBuffer) {
      Result expected = plain.train();
      assertThat(r.metrics()).isEqualTo(expected.metrics());
      assertThat(r.getDouble(Result.TIME_TOTAL_S))
          .isEqualTo(expected.getDouble(Result.TIME_TOTAL_S));
    }
  }
}

package dev.trainunit;

import static dev.trainunit.TestTrials.TRIAL_ID;
import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trainunit.TestTrainables.Counter;
import dev.trainunit.TestTrainables.ReturnsNull;
import dev.trainunit.TestTrainables.Rollouts;
import dev.trainunit.TestTrainables.ThrowsInStep;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainResultTest {

  private static final DateTimeFormatter TUNE_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

  @TempDir Path tmp;

  @Test
  void trainFillsEveryAutoFilledMetric() throws Exception {
    Config config = Config.parse("{\"lr\": 0.5, \"opt\": {\"beta\": 0.9}}");
    Counter t = start(Counter.class, config, tmp);

    long before = System.currentTimeMillis() / 1000;
    Result r1 = t.train();
    Result r2 = t.train();
    long after = System.currentTimeMillis() / 1000;
    Map<String, Object> m = r2.asMap();

    assertThat(m).containsKeys("loss", "w", "count");
    assertThat(m.get("count")).isEqualTo(2L);
    assertThat(m.get(Result.TRAINING_ITERATION)).isEqualTo(2L);
    assertThat(r1.get(Result.TRAINING_ITERATION)).isEqualTo(1L);
    assertThat(r2.trainingIteration()).isEqualTo(2);
    assertThat(m.get(Result.ITERATIONS_SINCE_RESTORE)).isEqualTo(2L);
    assertThat(m.get(Result.DONE)).isEqualTo(false);
    assertThat(r2.isDone()).isFalse();

    double thisIter1 = r1.getDouble(Result.TIME_THIS_ITER_S);
    double thisIter2 = r2.getDouble(Result.TIME_THIS_ITER_S);
    assertThat(thisIter1).isGreaterThanOrEqualTo(0).isLessThan(5);
    assertThat(r1.getDouble(Result.TIME_TOTAL_S)).isEqualTo(thisIter1);
    assertThat(r2.getDouble(Result.TIME_TOTAL_S)).isEqualTo(thisIter1 + thisIter2);
    assertThat(r2.getDouble(Result.TIME_SINCE_RESTORE)).isEqualTo(thisIter1 + thisIter2);
    assertThat(r2.timeThisIterS()).isEqualTo(thisIter2);

    long timestamp = r2.getLong(Result.TIMESTAMP);
    assertThat(timestamp).isBetween(before, after);
    String date = r2.getString(Result.DATE);
    assertThat(date).matches("\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}");
    assertThat(date)
        .as("date is the timestamp in Tune's %%Y-%%m-%%d_%%H-%%M-%%S local form")
        .isEqualTo(
            LocalDateTime.ofInstant(Instant.ofEpochSecond(timestamp), ZoneId.systemDefault())
                .format(TUNE_DATE));

    assertThat(m.get(Result.TRIAL_ID)).isEqualTo(TRIAL_ID);
    assertThat(m.get(Result.PID)).isEqualTo(ProcessHandle.current().pid());
    assertThat(m.get(Result.HOSTNAME)).isEqualTo(hostName());
    assertThat((String) m.get(Result.NODE_IP)).isNotBlank();
    assertThat(m.get(Result.CONFIG)).isEqualTo(config.asMap());
    assertThat(r2.config()).isEqualTo(config);

    assertThat(m)
        .doesNotContainKeys(
            Result.TIMESTEPS_TOTAL, Result.EPISODES_TOTAL, Result.TIMESTEPS_SINCE_RESTORE);
    assertThat(r2.metrics()).containsOnlyKeys("loss", "w", "count");
  }

  private static String hostName() throws Exception {
    return InetAddress.getLocalHost().getHostName();
  }

  @Test
  void userTimeThisIterWinsAndDrivesTheTotals() {
    Counter t = start(Counter.class, Config.parse("{\"time\": 0.25}"), tmp);

    t.train();
    t.train();
    Result r = t.train();

    assertThat(r.getDouble(Result.TIME_THIS_ITER_S)).isEqualTo(0.25);
    assertThat(r.getDouble(Result.TIME_TOTAL_S)).isEqualTo(0.75);
    assertThat(r.getDouble(Result.TIME_SINCE_RESTORE)).isEqualTo(0.75);
    assertThat(r.timeTotalS()).isEqualTo(0.75);
  }

  static class OwnIteration extends AbstractTrainable {
    @Override
    protected Map<String, Object> step() {
      return Map.of(Result.TRAINING_ITERATION, 100 + iteration(), Result.DONE, iteration() == 1);
    }
  }

  @Test
  void userTrainingIterationAndDoneWin() {
    OwnIteration t = start(OwnIteration.class, tmp);

    Result r1 = t.train();
    Result r2 = t.train();

    assertThat(r1.get(Result.TRAINING_ITERATION)).isEqualTo(100L);
    assertThat(r1.trainingIteration()).isEqualTo(100);
    assertThat(r2.trainingIteration()).isEqualTo(101);
    assertThat(r1.get(Result.DONE)).isEqualTo(false);
    assertThat(r2.get(Result.DONE)).isEqualTo(true);
    assertThat(r2.isDone()).isTrue();
    assertThat(t.iteration()).as("the framework's own counter still counts calls").isEqualTo(2);
    assertThat(r2.getLong(Result.ITERATIONS_SINCE_RESTORE)).isEqualTo(2);
  }

  static class ClaimsFrameworkKeys extends AbstractTrainable {
    @Override
    protected Map<String, Object> step() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(Result.TRIAL_ID, "forged");
      m.put(Result.TIME_TOTAL_S, 999.0);
      m.put(Result.CONFIG, Map.of("forged", true));
      m.put("loss", 1.0);
      return m;
    }
  }

  @Test
  void frameworkOnlyKeysAreNotOverriddenByTheStep() {
    Result r = start(ClaimsFrameworkKeys.class, tmp).train();

    assertThat(r.get(Result.TRIAL_ID)).isEqualTo(TRIAL_ID);
    assertThat(r.getDouble(Result.TIME_TOTAL_S)).isNotEqualTo(999.0);
    assertThat(r.get(Result.CONFIG)).isEqualTo(Map.of());
    assertThat(r.getDouble("loss")).isEqualTo(1.0);
  }

  @Test
  void timestepsAndEpisodesAreTotalledOnceReported() {
    Rollouts t = start(Rollouts.class, tmp);

    t.train();
    t.train();
    Result r = t.train();

    assertThat(r.getLong(Result.TIMESTEPS_TOTAL)).isEqualTo(300);
    assertThat(r.getLong(Result.EPISODES_TOTAL)).isEqualTo(9);
    assertThat(r.getLong(Result.TIMESTEPS_SINCE_RESTORE)).isEqualTo(300);
    assertThat(r.getLong(Result.TIMESTEPS_THIS_ITER)).isEqualTo(100);

    Checkpoint checkpoint = t.save();
    t.train();
    t.restore(checkpoint);
    Result afterRestore = t.train();
    assertThat(afterRestore.getLong(Result.TIMESTEPS_TOTAL)).isEqualTo(400);
    assertThat(afterRestore.getLong(Result.EPISODES_TOTAL)).isEqualTo(12);
    assertThat(afterRestore.getLong(Result.TIMESTEPS_SINCE_RESTORE)).isEqualTo(100);
  }

  /** Reports a timestep count that no checkpoint could record. */
  static class HugeRollouts extends AbstractTrainable {
    @Override
    protected Map<String, Object> step() {
      return Map.of(Result.TIMESTEPS_THIS_ITER, Long.MAX_VALUE);
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) {
      return Map.of();
    }
  }

  @Test
  void aTotalPastTheLargestCounterIsRefusedAndTheIterationNotCounted() {
    HugeRollouts t = start(HugeRollouts.class, tmp);

    assertThatThrownBy(t::train)
        .isInstanceOf(TrainableException.class)
        .hasMessageContaining(Result.TIMESTEPS_THIS_ITER + " = " + Long.MAX_VALUE)
        .hasMessageContaining("outside 0..9007199254740991");
    assertThat(t.iteration()).isZero();
    assertThat(t.save().path()).isDirectory();
  }

  @Test
  void stepReturningNullIsAClearError() {
    ReturnsNull t = start(ReturnsNull.class, tmp);

    assertThatThrownBy(t::train)
        .isInstanceOf(TrainableException.class)
        .hasMessageContaining(ReturnsNull.class.getName())
        .hasMessageContaining("step() returned null")
        .hasMessageContaining("iteration 1");
    assertThat(t.iteration()).as("a failed iteration is not counted").isZero();
  }

  @Test
  void throwingStepIsHookExceptionNamingStepWithCauseKept() {
    ThrowsInStep t = start(ThrowsInStep.class, tmp);

    assertThatThrownBy(t::train)
        .isInstanceOfSatisfying(
            HookException.class,
            e -> {
              assertThat(e.hook()).isEqualTo("step");
              assertThat(e.trainableClass()).isEqualTo(ThrowsInStep.class.getName());
              assertThat(e.getCause()).isSameAs(ThrowsInStep.FAILURE);
            })
        .hasMessageContaining("step()")
        .hasMessageContaining("data file gone")
        .hasMessageContaining("iteration 1");
  }

  @Test
  void iterationDuringStepIsIterationsCompletedBeforeIt() {
    Counter t = start(Counter.class, tmp);

    assertThat(t.iteration()).isZero();
    for (int i = 0; i < 4; i++) t.train();

    assertThat(t.iterationsSeenInStep).containsExactly(0L, 1L, 2L, 3L);
    assertThat(t.iteration()).isEqualTo(4);
    assertThat(t.trainingIteration()).isEqualTo(4);
    assertThat(t.iterationsSinceRestore()).isEqualTo(4);
  }

  @Test
  void autoFilledMetricsMatchTune() {
    Config config = Config.parse("{\"lr\": 0.3}");
    Counter t = start(Counter.class, config, tmp);
    t.train();
    Instant now = Instant.parse("2024-03-05T06:07:08.900Z");

    Map<String, Object> all = t.getAutoFilledMetrics(now, 1.5, false);
    Map<String, Object> debug = t.getAutoFilledMetrics(now, null, true);

    assertThat(all)
        .containsOnlyKeys(
            Result.TRIAL_ID,
            Result.DATE,
            Result.TIMESTAMP,
            Result.TIME_THIS_ITER_S,
            Result.TIME_TOTAL_S,
            Result.PID,
            Result.HOSTNAME,
            Result.NODE_IP,
            Result.CONFIG,
            Result.TIME_SINCE_RESTORE,
            Result.ITERATIONS_SINCE_RESTORE);
    assertThat(all.get(Result.TIMESTAMP)).isEqualTo(now.getEpochSecond());
    assertThat(all.get(Result.DATE))
        .isEqualTo(LocalDateTime.ofInstant(now, ZoneId.systemDefault()).format(TUNE_DATE));
    assertThat(all.get(Result.TIME_THIS_ITER_S)).isEqualTo(1.5);
    assertThat(all.get(Result.ITERATIONS_SINCE_RESTORE)).isEqualTo(1L);
    assertThat(all.get(Result.TRIAL_ID)).isEqualTo(TRIAL_ID);
    assertThat(all.get(Result.CONFIG)).isEqualTo(config.asMap());
    assertThat(debug)
        .containsOnlyKeys(
            Result.TRIAL_ID,
            Result.DATE,
            Result.TIMESTAMP,
            Result.PID,
            Result.HOSTNAME,
            Result.NODE_IP,
            Result.CONFIG);
  }

  @Test
  void timeTotalsAccumulateRealStepTime() {
    Counter t = start(Counter.class, Config.parse("{\"sleep_ms\": 20}"), tmp);

    List<Result> rs = List.of(t.train(), t.train());

    assertThat(rs.get(0).timeThisIterS()).isGreaterThanOrEqualTo(0.019);
    assertThat(rs.get(1).timeTotalS())
        .isCloseTo(rs.get(0).timeThisIterS() + rs.get(1).timeThisIterS(), within(1e-12));
  }
}

package dev.trainunit;

import static dev.trainunit.TestTrials.openFilesUnder;
import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.TestTrainables.Abstract;
import dev.trainunit.TestTrainables.Counter;
import dev.trainunit.TestTrainables.Inner;
import dev.trainunit.TestTrainables.NoDefaultConstructor;
import dev.trainunit.TestTrainables.ThrowsInSetup;
import dev.trainunit.TestTrainables.WithResources;
import dev.trainunit.logging.ResultLoggers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {

  private static final Config A = Config.parse("{\"lr\": 0.5, \"time\": 0.25}");
  private static final Config B = Config.parse("{\"lr\": 0.2, \"target\": -1.0, \"time\": 0.5}");

  @TempDir Path tmp;

  @Test
  void logdirTrialIdNameAndConfigAreAvailableInSetup() {
    Trial trial = TestTrials.trial(tmp).resources(Resources.of(2, 1)).build();

    Counter t = TrainableFactory.create(Counter.class, A, trial);

    assertThat(t.setups).isEqualTo(1);
    assertThat(t.logdirInSetup).isEqualTo(tmp.resolve("trial").toAbsolutePath()).isDirectory();
    assertThat(t.trialIdInSetup).isEqualTo(TestTrials.TRIAL_ID);
    assertThat(t.trialNameInSetup).isEqualTo(TestTrials.TRIAL_NAME);
    assertThat(t.configInSetup).isEqualTo(A);
    assertThat(t.trialResources()).isEqualTo(Resources.of(2, 1));
  }

  @Test
  void resetThatSucceedsBehavesLikeAFreshInstance() {
    Counter reused = start(Counter.class, A, tmp.resolve("reused"));
    for (int i = 0; i < 3; i++) reused.train();
    reused.save();

    assertThat(reused.reset(B)).isTrue();

    assertThat(reused.iteration()).isZero();
    assertThat(reused.iterationsSinceRestore()).isZero();
    assertThat(reused.getConfig()).isEqualTo(B);
    assertThat(reused.setups).as("reset does not call setup again").isEqualTo(1);
    Counter fresh = start(Counter.class, B, tmp.resolve("fresh"));
    for (int i = 0; i < 3; i++) {
      Result expected = fresh.train();
      Result actual = reused.train();
      assertThat(actual.metrics()).isEqualTo(expected.metrics());
      assertThat(actual.trainingIteration()).isEqualTo(expected.trainingIteration());
      assertThat(actual.getDouble(Result.TIME_TOTAL_S))
          .isEqualTo(expected.getDouble(Result.TIME_TOTAL_S));
      assertThat(actual.getLong(Result.ITERATIONS_SINCE_RESTORE)).isEqualTo(i + 1);
      assertThat(actual.get(Result.CONFIG)).isEqualTo(B.asMap());
    }
  }

  @Test
  void resetThatIsRefusedReturnsFalseAndKeepsStateAndCounters() {
    Counter t = start(Counter.class, A, tmp);
    t.train();
    t.train();
    double w = t.w;

    assertThat(t.reset(B.with("resettable", false))).isFalse();

    assertThat(t.iteration()).isEqualTo(2);
    assertThat(t.w).isEqualTo(w);
    assertThat(t.getConfig()).isEqualTo(A);
    Result next = t.train();
    assertThat(next.trainingIteration()).isEqualTo(3);
    assertThat(next.getDouble(Result.TIME_TOTAL_S)).isEqualTo(0.75);
    assertThat(next.get(Result.CONFIG)).isEqualTo(A.asMap());
  }

  static class ResetFails extends Counter {
    @Override
    protected boolean resetConfig(Config newConfig) {
      throw new UnsupportedOperationException("cannot re-init the optimizer");
    }
  }

  @Test
  void resetConfigThatThrowsIsAHookException() {
    ResetFails t = start(ResetFails.class, A, tmp);

    assertThatThrownBy(() -> t.reset(B))
        .isInstanceOfSatisfying(
            HookException.class, e -> assertThat(e.hook()).isEqualTo("resetConfig"))
        .hasMessageContaining("cannot re-init the optimizer");
  }

  @Test
  void stopCallsCleanupOnceClosesLogsAndRefusesLaterCalls() throws Exception {
    Counter t = start(Counter.class, A, tmp);
    t.train();
    t.train();
    Checkpoint checkpoint = t.save();
    if (Files.isDirectory(Path.of("/proc/self/fd"))) {
      assertThat(openFilesUnder(t.logdir()))
          .as("the result logs are open while the trial runs")
          .isNotEmpty();
    }

    t.stop();

    assertThat(t.cleanups).isEqualTo(1);
    assertThat(t.isStopped()).isTrue();
    assertThat(openFilesUnder(t.logdir())).as("stop() closes every result log").isEmpty();
    assertThat(Files.readAllLines(t.logdir().resolve("result.json"))).hasSize(2);

    assertThatThrownBy(t::stop)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stop() called after stop()");
    assertThatThrownBy(t::train)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Counter.class.getName() + ".train() called after stop()");
    assertThatThrownBy(t::save)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("save() called after stop()");
    assertThatThrownBy(() -> t.restore(checkpoint.path()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("restore() called after stop()");
    assertThatThrownBy(() -> t.reset(B))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset() called after stop()");
    assertThat(t.cleanups).isEqualTo(1);
  }

  static class CleanupFails extends Counter {
    @Override
    protected void cleanup() {
      cleanups++;
      throw new IllegalStateException("thread pool would not shut down");
    }
  }

  @Test
  void cleanupThatThrowsIsAHookExceptionAndTheTrainableStaysStopped() throws Exception {
    CleanupFails t = start(CleanupFails.class, tmp);
    t.train();

    assertThatThrownBy(t::stop)
        .isInstanceOfSatisfying(
            HookException.class, e -> assertThat(e.hook()).isEqualTo("cleanup"));

    assertThat(t.isStopped()).isTrue();
    assertThat(openFilesUnder(t.logdir())).isEmpty();
    assertThatThrownBy(t::stop).isInstanceOf(IllegalStateException.class);
    assertThat(t.cleanups).isEqualTo(1);
  }

  @Test
  void setupThatThrowsIsAHookExceptionAndLeavesNoFileOpen() throws Exception {
    assertThatThrownBy(() -> start(ThrowsInSetup.class, tmp))
        .isInstanceOfSatisfying(
            HookException.class,
            e -> {
              assertThat(e.hook()).isEqualTo("setup");
              assertThat(e.trainableClass()).isEqualTo(ThrowsInSetup.class.getName());
              assertThat(e.getCause()).isSameAs(ThrowsInSetup.FAILURE);
            })
        .hasMessageContaining("setup()")
        .hasMessageContaining("lr must be positive");
    assertThat(openFilesUnder(tmp.resolve("trial"))).isEmpty();
  }

  @Test
  void factoryRefusesClassesItCannotBuildAndSaysWhy() {
    assertThatThrownBy(() -> start(Abstract.class, tmp))
        .isInstanceOf(TrainableException.class)
        .hasMessageContaining(Abstract.class.getName())
        .hasMessageContaining("is abstract");
    assertThatThrownBy(() -> start(NoDefaultConstructor.class, tmp))
        .isInstanceOf(TrainableException.class)
        .hasMessageContaining(NoDefaultConstructor.class.getName())
        .hasMessageContaining("no no-argument constructor");
    assertThatThrownBy(() -> start(Inner.class, tmp))
        .isInstanceOf(TrainableException.class)
        .hasMessageContaining(Inner.class.getName())
        .hasMessageContaining("inner (non-static) class");
    assertThat(TrainableFactory.whyNotInstantiable(String.class))
        .get(InstanceOfAssertFactories.STRING)
        .contains("does not extend");
    assertThat(TrainableFactory.whyNotInstantiable(Counter.class)).isEmpty();
  }

  static class UsesLogdirInConstructor extends AbstractTrainable {
    final Path dir = logdir();

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  @Test
  void frameworkStateIsNotAvailableInTheConstructor() {
    assertThatThrownBy(() -> start(UsesLogdirInConstructor.class, tmp))
        .isInstanceOfSatisfying(
            HookException.class,
            e -> {
              assertThat(e.hook()).isEqualTo("<init>");
              assertThat(e.getCause())
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageContaining("not available in the constructor");
            });
  }

  @Test
  void resourceRequestAndHelpAreStaticLookups() {
    assertThat(
            TrainableFactory.defaultResourceRequest(
                WithResources.class, Config.parse("{\"cpu\": 4}")))
        .contains(Resources.of(4, 0.5));
    assertThat(TrainableFactory.defaultResourceRequest(Counter.class, Config.empty())).isEmpty();
    assertThat(TrainableFactory.resourceHelp(WithResources.class, Config.empty()))
        .isEqualTo("set cpu and gpu in the config");
    assertThat(TrainableFactory.resourceHelp(Counter.class, Config.empty())).isEmpty();
  }

  static class BadResourceRequest extends Counter {
    public static String defaultResourceRequest(Config config) {
      return "4 cpus";
    }
  }

  @Test
  void resourceRequestOfTheWrongShapeIsRefused() {
    assertThatThrownBy(
            () -> TrainableFactory.defaultResourceRequest(BadResourceRequest.class, Config.empty()))
        .isInstanceOf(TrainableException.class)
        .hasMessageContaining(
            "defaultResourceRequest(Config) must be public static and return Resources");
  }

  @Test
  void resultLoggersCanBeTurnedOffAndLogResultStillSeesEveryResult() throws Exception {
    LoggingCounter t =
        TrainableFactory.create(
            LoggingCounter.class,
            A,
            TestTrials.trial(tmp).loggerCreator(ResultLoggers.none()).build());

    t.train();
    t.train();
    t.stop();

    assertThat(t.logged).containsExactly(1L, 2L);
    assertThat(TestTrials.list(t.logdir())).isEmpty();
  }

  static class LoggingCounter extends Counter {
    final List<Long> logged = new ArrayList<>();

    @Override
    protected void logResult(Result result) throws Exception {
      logged.add(result.trainingIteration());
      super.logResult(result);
    }
  }
}

package dev.trainunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the TrainUnit engine's checks prove, done by hand through the public core API until the
 * engine runs these examples: reproducible runs, exact resume from a checkpoint (in a fresh
 * instance and in one that has trained on), a checkpoint that survives restore-then-save unchanged,
 * and a reset that is as good as a fresh instance. Metric streams are compared with {@code equals},
 * which for doubles means bit for bit.
 */
class ExampleContractTest {

  /** One example: its class, the config to test, a second config for reset, and the run length. */
  record Case(
      Class<? extends AbstractTrainable> type, String config, String otherConfig, int iterations) {
    @Override
    public String toString() {
      return type.getSimpleName() + " " + config;
    }
  }

  static Stream<Case> examples() {
    return Stream.of(
        new Case(
            LogisticRegressionSgd.class, "{}", "{\"lr\": 0.5, \"momentum\": 0.0, \"seed\": 9}", 12),
        // batch_size 10 does not divide 150: a checkpoint lands mid-epoch with a partial batch due
        new Case(
            LogisticRegressionSgd.class, "{\"batch_size\": 7, \"batches_per_step\": 3}", "{}", 12),
        new Case(TwoMoonsMlp.class, "{}", "{\"hidden\": 4, \"lr\": 0.1, \"seed\": 3}", 10),
        new Case(
            QLearningGridWorld.class, "{}", "{\"alpha\": 0.5, \"seed\": 5, \"slip\": 0.3}", 12),
        new Case(PbtLinearRegression.class, "{\"lr\": 0.02}", "{\"lr\": 0.3, \"seed\": 2}", 12),
        new Case(SoftmaxIrisClassifier.class, "{}", "{\"lr\": 2.0, \"lr_decay\": 0.0}", 10),
        new Case(EncogIrisNetwork.class, "{}", "{\"hidden\": 3, \"lr\": 0.3, \"seed\": 7}", 10));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void twoFreshInstancesReportTheSameMetrics(Case c, @TempDir Path tmp) {
    Config config = Config.parse(c.config());
    List<Map<String, Object>> a =
        Runs.reference(c.type(), config, c.iterations(), tmp.resolve("a"));
    List<Map<String, Object>> b =
        Runs.reference(c.type(), config, c.iterations(), tmp.resolve("b"));
    assertThat(b).isEqualTo(a);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void aCheckpointRestoredInAFreshInstanceContinuesExactly(Case c, @TempDir Path tmp) {
    Config config = Config.parse(c.config());
    List<Map<String, Object>> reference =
        Runs.reference(c.type(), config, c.iterations(), tmp.resolve("ref"));
    int n = reference.size();
    for (int k : new int[] {1, n / 2, n - 1}) {
      AbstractTrainable original = Runs.create(c.type(), config, tmp.resolve("orig-" + k));
      Runs.train(original, k);
      Checkpoint checkpoint = original.save();
      original.stop();
      Path copied =
          Runs.copy(
              checkpoint.path(),
              tmp.resolve("copies-" + k).resolve(checkpoint.path().getFileName().toString()));

      AbstractTrainable resumed = Runs.create(c.type(), config, tmp.resolve("resumed-" + k));
      resumed.restore(copied);
      assertThat(resumed.iteration()).isEqualTo(k);
      assertThat(Runs.train(resumed, n - k))
          .as("iterations %d.. after restoring at %d", k + 1, k)
          .isEqualTo(reference.subList(k, n));
      resumed.stop();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void restoreReplacesTheStateOfAnInstanceThatTrainedOn(Case c, @TempDir Path tmp) {
    Config config = Config.parse(c.config());
    List<Map<String, Object>> reference =
        Runs.reference(c.type(), config, c.iterations(), tmp.resolve("ref"));
    int n = reference.size();
    int k = n / 2;
    AbstractTrainable trainable = Runs.create(c.type(), config, tmp.resolve("t"));
    Runs.train(trainable, k);
    Checkpoint checkpoint = trainable.save();
    Runs.train(trainable, n - k); // train on past the checkpoint, then go back to it
    trainable.restore(checkpoint.path());
    assertThat(Runs.train(trainable, n - k)).isEqualTo(reference.subList(k, n));
    trainable.stop();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void restoreThenSaveGivesTheSameCheckpoint(Case c, @TempDir Path tmp) {
    Config config = Config.parse(c.config());
    AbstractTrainable original = Runs.create(c.type(), config, tmp.resolve("a"));
    Runs.train(original, 3);
    Checkpoint first = original.save();
    original.stop();
    AbstractTrainable restored = Runs.create(c.type(), config, tmp.resolve("b"));
    restored.restore(first.path());
    Checkpoint second = restored.save();
    restored.stop();
    assertThat(Runs.payload(second.path())).isEqualTo(Runs.payload(first.path())).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void afterResetTheInstanceBehavesLikeAFreshOne(Case c, @TempDir Path tmp) {
    Config config = Config.parse(c.config());
    List<Map<String, Object>> fresh =
        Runs.reference(c.type(), config, c.iterations(), tmp.resolve("fresh"));
    AbstractTrainable reused =
        Runs.create(c.type(), Config.parse(c.otherConfig()), tmp.resolve("reused"));
    Runs.train(reused, 4);
    assertThat(reused.reset(config)).isTrue();
    assertThat(reused.iteration()).isZero();
    assertThat(Runs.train(reused, c.iterations())).isEqualTo(fresh);
    reused.stop();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void stopLeavesNoThreadBehind(Case c, @TempDir Path tmp) {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    AbstractTrainable trainable = Runs.create(c.type(), Config.parse(c.config()), tmp.resolve("t"));
    Runs.train(trainable, 3);
    trainable.restore(trainable.save());
    trainable.exportModel(List.of());
    Runs.train(trainable, 1);
    trainable.stop();
    Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
    started.removeAll(before);
    started.removeIf(t -> !t.isAlive());
    assertThat(started)
        .as("threads started by %s and still alive after stop()", c.type().getSimpleName())
        .isEmpty();
  }
}

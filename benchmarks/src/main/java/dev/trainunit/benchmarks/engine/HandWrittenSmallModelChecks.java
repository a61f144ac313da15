package dev.trainunit.benchmarks.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Jupiter side of EngineOverheadBenchmark: what a model author would write by hand to test
 * {@link SmallModel} for what the engine's {@code lifecycle} and {@code save-restore} checks test,
 * as two parameterized tests over the same configs (so one test node per config and check, as in
 * the engine's tree). Trials are built like the engine's (default result loggers, a new directory
 * each) under {@link SmallFleet#trialRoot()}, which the benchmark deletes outside the timing. Not a
 * test of this module: it lives in src/main, which Surefire does not scan.
 */
public class HandWrittenSmallModelChecks {

  private static final AtomicInteger TRIALS = new AtomicInteger();

  static List<Config> configs() {
    return SmallFleet.configs();
  }

  private static SmallModel start(Config config, String label) {
    Path dir = SmallFleet.trialRoot().resolve(TRIALS.incrementAndGet() + "-" + label);
    return TrainableFactory.create(SmallModel.class, config, Trial.builder(dir).build());
  }

  private static List<Result> train(SmallModel model, int iterations) {
    List<Result> results = new ArrayList<>(iterations);
    for (int i = 0; i < iterations; i++) results.add(model.train());
    return results;
  }

  /** training_iteration counts 1..N, the time totals add up, stop() succeeds. */
  @ParameterizedTest
  @MethodSource("configs")
  void lifecycle(Config config) {
    SmallModel model = start(config, "lifecycle");
    List<Result> results = train(model, SmallFleet.ITERATIONS);
    double sum = 0;
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      assertEquals(i + 1, r.trainingIteration());
      assertEquals(i + 1, r.iterationsSinceRestore());
      assertTrue(r.timeThisIterS() >= 0);
      sum += r.timeThisIterS();
      assertEquals(sum, r.timeTotalS(), 1e-9 * Math.max(1, sum));
    }
    model.stop();
  }

  /**
   * For each k the engine's check uses: train k, save, continue; restore a copy of the checkpoint
   * into a fresh instance, train the rest, and expect exactly the same metrics.
   */
  @ParameterizedTest
  @MethodSource("configs")
  void saveRestore(Config config) throws IOException {
    int n = SmallFleet.ITERATIONS;
    for (int k : SmallFleet.checkpointIterations(n)) {
      SmallModel saved = start(config, "saved-at-" + k);
      train(saved, k);
      Checkpoint checkpoint = saved.save();
      List<Result> uninterrupted = train(saved, n - k);
      saved.stop();

      Path copy =
          SmallFleet.trialRoot()
              .resolve(TRIALS.incrementAndGet() + "-copy-of-" + k)
              .resolve(checkpoint.path().getFileName().toString());
      Files.createDirectories(copy.getParent());
      PathUtils.copyDirectory(checkpoint.path(), copy);
      SmallModel restored = start(config, "restored-at-" + k);
      restored.restore(copy);
      assertEquals(k, restored.iteration());
      List<Result> resumed = train(restored, n - k);
      restored.stop();

      assertEquals(uninterrupted.size(), resumed.size());
      for (int i = 0; i < resumed.size(); i++) {
        assertEquals(uninterrupted.get(i).trainingIteration(), resumed.get(i).trainingIteration());
        assertEquals(
            uninterrupted.get(i).metrics(), resumed.get(i).metrics(), "iteration " + (k + i + 1));
      }
    }
  }
}

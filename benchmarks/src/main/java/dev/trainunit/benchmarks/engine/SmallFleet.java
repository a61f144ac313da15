package dev.trainunit.benchmarks.engine;

import dev.trainunit.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What both sides of an engine benchmark test: {@link #size()} configs of {@link SmallModel}
 * (different seeds and learning rates), each trained {@link #ITERATIONS} times, and where the
 * hand-written side writes its trials. A benchmark sets both in its setup before it launches either
 * side; the engine side reads the configs through {@code @Trainable(configFactory)}, the Jupiter
 * side through {@code @MethodSource}, so both test exactly the same configs.
 */
public final class SmallFleet {

  /**
   * Iterations of one run; the engine's default, so {@code trainunit.iterations} would not change
   * it.
   */
  public static final int ITERATIONS = 10;

  private static volatile int size = 1;
  private static volatile Path trialRoot;

  private SmallFleet() {}

  public static void configure(int configs, Path handWrittenTrialRoot) {
    if (configs < 1)
      throw new IllegalArgumentException("configs must be at least 1, was " + configs);
    size = configs;
    trialRoot = handWrittenTrialRoot;
  }

  public static int size() {
    return size;
  }

  /** Where the hand-written test creates its trial directories. */
  public static Path trialRoot() {
    if (trialRoot == null) throw new IllegalStateException("SmallFleet.configure was not called");
    return trialRoot;
  }

  public static List<Config> configs() {
    List<Config> configs = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      configs.add(Config.parse("{\"seed\": " + (i + 1) + ", \"lr\": 0.0" + (1 + i % 5) + "}"));
    }
    return configs;
  }

  /**
   * The iterations at which the save-restore check checkpoints a run of {@code n} iterations
   * (ReferenceRun.checkpointIterations): the first, the middle and the last but one.
   */
  public static List<Integer> checkpointIterations(int n) {
    if (n <= 1) return List.of(1);
    return IntStream.of(1, Math.max(1, n / 2), n - 1).distinct().boxed().toList();
  }
}

package dev.trainunit.benchmarks.engine;

import dev.trainunit.Config;
import dev.trainunit.annotations.Trainable;
import java.util.List;

/**
 * The engine side of the engine benchmarks: {@link SmallModel} under every config of {@link
 * SmallFleet}, each config a subject of its own. Not a test of this module: it lives in src/main,
 * which Surefire does not scan, and only the benchmarks select it.
 */
@Trainable(value = SmallModel.class, iterations = SmallFleet.ITERATIONS, configFactory = "configs")
public final class SmallModelContract {

  private SmallModelContract() {}

  static List<Config> configs() {
    return SmallFleet.configs();
  }
}

package dev.trainunit.examples;

import dev.trainunit.Config;
import dev.trainunit.annotations.Trainable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TwoMoonsMlp} under every check, with its configs built in code by a static factory method
 * ({@code configFactory}) instead of listed as JSON: a small grid of learning rates and
 * hidden-layer sizes.
 */
@Trainable(value = TwoMoonsMlp.class, iterations = 15, configFactory = "configs")
class TwoMoonsMlpTest {

  static List<Config> configs() {
    List<Config> configs = new ArrayList<>();
    for (double lr : new double[] {0.01, 0.03}) {
      for (int hidden : new int[] {8, 16}) {
        configs.add(Config.empty().with("lr", lr).with("hidden", hidden));
      }
    }
    return configs;
  }
}

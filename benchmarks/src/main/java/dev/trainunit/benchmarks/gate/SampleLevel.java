package dev.trainunit.benchmarks.gate;

import java.util.Locale;

/** What one observation of the statistical test is. */
enum SampleLevel {
  /**
   * One value per fork (the metric over all of the fork's measurement iterations). Forks are
   * independent JVMs, so these are independent samples; the default.
   */
  FORK,
  /**
   * One value per measurement iteration. More samples from fewer forks, but iterations of one fork
   * share its JIT decisions and heap layout, so a fork that compiled differently can look like a
   * change.
   */
  ITERATION;

  static SampleLevel parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "fork" -> FORK;
      case "iteration" -> ITERATION;
      default ->
          throw new IllegalArgumentException(
              "--samples must be fork or iteration, was '" + text + "'");
    };
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

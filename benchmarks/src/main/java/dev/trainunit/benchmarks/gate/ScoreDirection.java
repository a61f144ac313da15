package dev.trainunit.benchmarks.gate;

/** Which way is better for a JMH mode: less time per operation, or more operations per time. */
enum ScoreDirection {
  LOWER_IS_BETTER,
  HIGHER_IS_BETTER;

  /**
   * {@code thrpt} is operations per time; {@code avgt}, {@code sample} and {@code ss} are time per
   * operation.
   *
   * @throws IllegalArgumentException for a mode JMH does not write
   */
  static ScoreDirection of(String mode) {
    return switch (mode) {
      case "thrpt" -> HIGHER_IS_BETTER;
      case "avgt", "sample", "ss" -> LOWER_IS_BETTER;
      default -> throw new IllegalArgumentException("unknown JMH mode '" + mode + "'");
    };
  }
}

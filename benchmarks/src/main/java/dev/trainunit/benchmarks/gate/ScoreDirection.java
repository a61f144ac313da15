package dev.trainunit.benchmarks.gate;

/** Which way is better for a score: less time per operation, or more operations per time. */
enum ScoreDirection {
  LOWER_IS_BETTER,
  HIGHER_IS_BETTER;

  /**
   * From the unit when it says (operations per time, {@code ops/us}, is higher-is-better; time per
   * operation, {@code us/op}, lower-is-better), otherwise from the mode: {@code thrpt} is
   * operations per time; {@code avgt}, {@code sample} and {@code ss} are time per operation.
   *
   * @throws IllegalArgumentException for a unit that does not say and a mode JMH does not write
   */
  static ScoreDirection of(String mode, String unit) {
    if (unit.startsWith("ops/")) return HIGHER_IS_BETTER;
    if (unit.endsWith("/op")) return LOWER_IS_BETTER;
    return of(mode);
  }

  static ScoreDirection of(String mode) {
    return switch (mode) {
      case "thrpt" -> HIGHER_IS_BETTER;
      case "avgt", "sample", "ss" -> LOWER_IS_BETTER;
      default -> throw new IllegalArgumentException("unknown JMH mode '" + mode + "'");
    };
  }

  String label() {
    return this == LOWER_IS_BETTER ? "lower" : "higher";
  }
}

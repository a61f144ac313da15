package dev.trainunit.benchmarks.gate;

import java.util.Map;

/**
 * Converts between JMH's score units of one kind: time per operation ({@code ns/op} ... {@code
 * s/op}) and operations per time ({@code ops/ns} ... {@code ops/s}), so that a baseline recorded in
 * {@code us/op} still compares with a run reported in {@code ns/op}.
 */
final class ScoreUnits {

  private static final Map<String, Double> SECONDS =
      Map.of(
          "ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0, "m", 60.0, "hr", 3600.0, "h",
          3600.0);

  private ScoreUnits() {}

  /** Whether a value in {@code from} can be expressed in {@code to}. */
  static boolean convertible(String from, String to) {
    try {
      factor(from, to);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The factor that turns a value in {@code from} into one in {@code to}.
   *
   * @throws IllegalArgumentException when the units are of different kinds or unknown
   */
  static double factor(String from, String to) {
    if (from.equals(to)) return 1.0;
    if (from.endsWith("/op") && to.endsWith("/op")) {
      return seconds(from.substring(0, from.length() - 3))
          / seconds(to.substring(0, to.length() - 3));
    }
    if (from.startsWith("ops/") && to.startsWith("ops/")) {
      return seconds(to.substring(4)) / seconds(from.substring(4));
    }
    throw new IllegalArgumentException("cannot convert " + from + " to " + to);
  }

  private static double seconds(String timeUnit) {
    Double s = SECONDS.get(timeUnit);
    if (s == null) throw new IllegalArgumentException("unknown time unit " + timeUnit);
    return s;
  }
}

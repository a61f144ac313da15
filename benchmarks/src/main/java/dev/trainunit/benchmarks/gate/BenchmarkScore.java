package dev.trainunit.benchmarks.gate;

/**
 * One benchmark's primary score as JMH reported it: the score, its unit, and the confidence
 * interval JMH computed ({@code scoreConfidence}, 99.9% by default). The interval is NaN at both
 * ends when JMH could not compute one (a single measurement iteration).
 */
public record BenchmarkScore(
    BenchmarkKey key, double score, double confidenceLow, double confidenceHigh, String unit) {

  /** Whether JMH reported a confidence interval for this score. */
  public boolean hasConfidence() {
    return !Double.isNaN(confidenceLow) && !Double.isNaN(confidenceHigh);
  }

  /** The interval, or the score alone when there is none. */
  public double low() {
    return hasConfidence() ? confidenceLow : score;
  }

  public double high() {
    return hasConfidence() ? confidenceHigh : score;
  }

  /** This score expressed in {@code targetUnit}, when the units are of the same kind. */
  public BenchmarkScore in(String targetUnit) {
    if (unit.equals(targetUnit)) return this;
    double factor = ScoreUnits.factor(unit, targetUnit);
    return new BenchmarkScore(
        key, score * factor, confidenceLow * factor, confidenceHigh * factor, targetUnit);
  }
}

package dev.trainunit.benchmarks.gate;

/**
 * One metric of one benchmark, judged.
 *
 * @param baselineSamples the baseline's observations, in {@code unit}
 * @param candidateSamples the candidate's observations, in {@code unit}
 * @param change how much worse the candidate's median is than the baseline's, relative to it: 0.25
 *     is 25% slower (or 25% more bytes); for a higher-is-better score, baseline / candidate − 1, so
 *     that it always reads as "times slower"; negative is better; NaN when not computed
 * @param pValue the one-sided Mann–Whitney p-value in the direction of the change; NaN when the
 *     test did not run
 * @param exact whether {@code pValue} is exact or from the normal approximation
 * @param note why the verdict is inconclusive or incomparable; null otherwise
 */
record MetricVerdict(
    Metric metric,
    String unit,
    ScoreDirection direction,
    double[] baselineSamples,
    double[] candidateSamples,
    double change,
    double pValue,
    boolean exact,
    Verdict verdict,
    String note) {

  static MetricVerdict incomparable(Metric metric, String unit, String note) {
    return new MetricVerdict(
        metric,
        unit,
        null,
        new double[0],
        new double[0],
        Double.NaN,
        Double.NaN,
        false,
        Verdict.INCOMPARABLE,
        note);
  }

  double baselineMedian() {
    return Stats.median(baselineSamples);
  }

  double candidateMedian() {
    return Stats.median(candidateSamples);
  }

  /** candidate median − baseline median, in {@code unit}. */
  double difference() {
    return candidateMedian() - baselineMedian();
  }
}

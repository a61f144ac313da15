package dev.trainunit.benchmarks.gate;

import java.util.List;

/**
 * One benchmark compared: its metrics judged, and the verdict they add up to. A benchmark on one
 * side only ({@link Verdict#MISSING}, {@link Verdict#NEW}) has no metrics.
 */
record BenchmarkVerdict(BenchmarkKey key, List<MetricVerdict> metrics, Verdict verdict) {

  /** Which metric verdict speaks for the benchmark, first match wins. */
  private static final List<Verdict> PRECEDENCE =
      List.of(
          Verdict.REGRESSED,
          Verdict.INCONCLUSIVE,
          Verdict.IMPROVED,
          Verdict.WITHIN_NOISE,
          Verdict.UNCHANGED,
          Verdict.INCOMPARABLE);

  BenchmarkVerdict {
    metrics = List.copyOf(metrics);
  }

  static BenchmarkVerdict of(BenchmarkKey key, List<MetricVerdict> metrics) {
    for (Verdict v : PRECEDENCE) {
      if (metrics.stream().anyMatch(m -> m.verdict() == v)) {
        return new BenchmarkVerdict(key, metrics, v);
      }
    }
    return new BenchmarkVerdict(key, metrics, Verdict.INCOMPARABLE);
  }

  static BenchmarkVerdict oneSided(BenchmarkKey key, Verdict verdict) {
    return new BenchmarkVerdict(key, List.of(), verdict);
  }
}

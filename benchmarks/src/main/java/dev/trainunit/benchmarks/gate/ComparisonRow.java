package dev.trainunit.benchmarks.gate;

/**
 * One benchmark compared across the two runs. {@code baseline} is null for a {@link Verdict#NEW}
 * benchmark, {@code current} for a {@link Verdict#MISSING} one; when both are there, {@code
 * current} is expressed in the baseline's unit.
 *
 * @param slowdown how many times slower the current run is (above 1: slower, below 1: faster),
 *     whichever way the mode counts; NaN when the two cannot be compared
 */
public record ComparisonRow(
    BenchmarkKey key,
    BenchmarkScore baseline,
    BenchmarkScore current,
    double slowdown,
    Verdict verdict) {

  /** current / baseline, as the scores are written (for {@code thrpt} below 1 means slower). */
  public double ratio() {
    if (baseline == null || current == null) return Double.NaN;
    return current.score() / baseline.score();
  }
}

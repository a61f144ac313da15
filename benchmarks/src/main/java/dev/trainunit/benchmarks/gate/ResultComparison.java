package dev.trainunit.benchmarks.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the benchmarks of two runs by {@link BenchmarkKey} and decides, for each, whether it
 * regressed: slower by at least the threshold <em>and</em> with confidence intervals that do not
 * overlap. A change as large as the threshold whose intervals overlap is noise, not evidence. A
 * score without a confidence interval (a single measurement iteration) counts as the interval
 * [score, score], so it is judged on the threshold alone.
 */
public final class ResultComparison {

  private final double threshold;

  /**
   * @param threshold the relative slowdown that counts, e.g. 0.10 for 10%
   */
  public ResultComparison(double threshold) {
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException(
          "threshold must be a non-negative number, was " + threshold);
    }
    this.threshold = threshold;
  }

  public double threshold() {
    return threshold;
  }

  /**
   * Every benchmark of either run, in the baseline's order, then those only in the current run.
   *
   * @throws IllegalArgumentException when one run holds the same benchmark and params twice
   */
  public List<ComparisonRow> compare(List<BenchmarkScore> baseline, List<BenchmarkScore> current) {
    Map<BenchmarkKey, BenchmarkScore> remaining = byKey(current, "the current run");
    List<ComparisonRow> rows = new ArrayList<>();
    for (BenchmarkScore old : byKey(baseline, "the baseline").values()) {
      BenchmarkScore now = remaining.remove(old.key());
      rows.add(
          now == null
              ? new ComparisonRow(old.key(), old, null, Double.NaN, Verdict.MISSING)
              : compare(old, now));
    }
    for (BenchmarkScore added : remaining.values()) {
      rows.add(new ComparisonRow(added.key(), null, added, Double.NaN, Verdict.NEW));
    }
    return rows;
  }

  ComparisonRow compare(BenchmarkScore old, BenchmarkScore now) {
    ScoreDirection direction;
    try {
      direction = ScoreDirection.of(old.key().mode());
    } catch (IllegalArgumentException e) {
      return new ComparisonRow(old.key(), old, now, Double.NaN, Verdict.INCOMPARABLE);
    }
    if (!ScoreUnits.convertible(now.unit(), old.unit())) {
      return new ComparisonRow(old.key(), old, now, Double.NaN, Verdict.INCOMPARABLE);
    }
    BenchmarkScore current = now.in(old.unit());
    boolean lowerIsBetter = direction == ScoreDirection.LOWER_IS_BETTER;
    double slowdown = lowerIsBetter ? current.score() / old.score() : old.score() / current.score();
    boolean slower =
        current.low() > old.high() && lowerIsBetter || current.high() < old.low() && !lowerIsBetter;
    boolean faster =
        current.high() < old.low() && lowerIsBetter || current.low() > old.high() && !lowerIsBetter;
    Verdict verdict;
    if (slowdown >= 1 + threshold) {
      verdict = slower ? Verdict.REGRESSED : Verdict.WITHIN_NOISE;
    } else if (1 / slowdown >= 1 + threshold) {
      verdict = faster ? Verdict.IMPROVED : Verdict.WITHIN_NOISE;
    } else if (Double.isNaN(slowdown)) {
      verdict = Verdict.INCOMPARABLE;
    } else {
      verdict = Verdict.UNCHANGED;
    }
    return new ComparisonRow(old.key(), old, current, slowdown, verdict);
  }

  private static Map<BenchmarkKey, BenchmarkScore> byKey(List<BenchmarkScore> scores, String side) {
    Map<BenchmarkKey, BenchmarkScore> map = new LinkedHashMap<>();
    for (BenchmarkScore s : scores) {
      if (map.put(s.key(), s) != null) {
        throw new IllegalArgumentException(
            side
                + " holds "
                + s.key().displayName()
                + " ("
                + s.key().mode()
                + ") twice; compare files of single runs");
      }
    }
    return map;
  }
}

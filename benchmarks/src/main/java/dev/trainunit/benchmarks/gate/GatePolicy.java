package dev.trainunit.benchmarks.gate;

import java.util.Locale;

/**
 * When a change counts. A metric regressed only when <em>both</em> hold: the Mann–Whitney test says
 * the candidate is worse with a one-sided p below {@code alpha}, and the candidate's median is
 * worse than the baseline's by at least {@code threshold} of the baseline (for bytes allocated,
 * also by at least {@code minAllocBytes}). A significant change smaller than the threshold is
 * "unchanged"; a large one that is not significant is "within noise". With fewer than {@code
 * minSamples} observations on a side, or so few that even a complete separation could not reach p
 * below alpha, the verdict is "inconclusive".
 *
 * @param alpha the significance level of each one-sided test, e.g. 0.01
 * @param threshold the minimum effect, relative to the baseline's median, e.g. 0.05 for 5%
 * @param minAllocBytes the minimum change in bytes allocated per operation; JMH's {@code
 *     gc.alloc.rate.norm} of an allocation-free benchmark wobbles by fractions of a byte, which is
 *     no regression however large relative to zero
 * @param minSamples the fewest observations per side the gate judges
 * @param level what one observation is
 */
record GatePolicy(
    double alpha, double threshold, double minAllocBytes, int minSamples, SampleLevel level) {

  static final double DEFAULT_ALPHA = 0.01;
  static final double DEFAULT_THRESHOLD = 0.05;
  static final double DEFAULT_MIN_ALLOC_BYTES = 8;
  static final int DEFAULT_MIN_SAMPLES = 3;

  static final GatePolicy DEFAULT =
      new GatePolicy(
          DEFAULT_ALPHA,
          DEFAULT_THRESHOLD,
          DEFAULT_MIN_ALLOC_BYTES,
          DEFAULT_MIN_SAMPLES,
          SampleLevel.FORK);

  GatePolicy {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
    }
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("threshold must be zero or more, was " + threshold);
    }
    if (!(minAllocBytes >= 0) || Double.isInfinite(minAllocBytes)) {
      throw new IllegalArgumentException(
          "the minimum allocation change must be zero or more bytes, was " + minAllocBytes);
    }
    if (minSamples < 2) {
      throw new IllegalArgumentException("at least 2 samples per side, was " + minSamples);
    }
  }

  GatePolicy withLevel(SampleLevel newLevel) {
    return new GatePolicy(alpha, threshold, minAllocBytes, minSamples, newLevel);
  }

  /** Judges one metric from the two sides' observations, both in {@code unit}. */
  MetricVerdict judge(
      Metric metric, String unit, ScoreDirection direction, double[] baseline, double[] candidate) {
    double change = change(direction, Stats.median(baseline), Stats.median(candidate));
    String few = tooFew(baseline.length, candidate.length);
    if (few != null) {
      return new MetricVerdict(
          metric,
          unit,
          direction,
          baseline,
          candidate,
          change,
          Double.NaN,
          false,
          Verdict.INCONCLUSIVE,
          few);
    }
    MannWhitney.Result test = MannWhitney.test(baseline, candidate);
    boolean higherIsWorse = direction == ScoreDirection.LOWER_IS_BETTER;
    double pWorse = higherIsWorse ? test.pGreater() : test.pLess();
    double pBetter = higherIsWorse ? test.pLess() : test.pGreater();
    double difference = Math.abs(Stats.median(candidate) - Stats.median(baseline));
    boolean largeEnough = metric != Metric.ALLOC || difference >= minAllocBytes;
    Verdict verdict;
    double p;
    if (change >= threshold && largeEnough) {
      p = pWorse;
      verdict = pWorse < alpha ? Verdict.REGRESSED : Verdict.WITHIN_NOISE;
    } else if (1 + change <= 1 / (1 + threshold) && largeEnough) {
      p = pBetter;
      verdict = pBetter < alpha ? Verdict.IMPROVED : Verdict.WITHIN_NOISE;
    } else {
      p = change < 0 ? pBetter : pWorse;
      verdict = Verdict.UNCHANGED;
    }
    return new MetricVerdict(
        metric, unit, direction, baseline, candidate, change, p, test.exact(), verdict, null);
  }

  /**
   * Worse-is-positive relative change of the medians: candidate / baseline − 1 when lower is
   * better, baseline / candidate − 1 when higher is better (times slower, for throughput).
   */
  static double change(ScoreDirection direction, double baseline, double candidate) {
    double worse = direction == ScoreDirection.LOWER_IS_BETTER ? candidate : baseline;
    double better = direction == ScoreDirection.LOWER_IS_BETTER ? baseline : candidate;
    if (worse == better) return 0;
    if (better == 0) return worse > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    return worse / better - 1;
  }

  /** Why {@code n} and {@code m} observations are too few to judge, or null if they are not. */
  String tooFew(int n, int m) {
    if (n < minSamples || m < minSamples) {
      return String.format(
          Locale.ROOT,
          "%d baseline and %d candidate %s samples; the gate needs at least %d per side",
          n,
          m,
          level.label(),
          minSamples);
    }
    double best = MannWhitney.smallestPossibleP(n, m);
    if (best >= alpha) {
      int needed = minSamples;
      while (MannWhitney.smallestPossibleP(needed, needed) >= alpha) needed++;
      return String.format(
          Locale.ROOT,
          "%d baseline and %d candidate %s samples cannot reach p < %s (at best p = %.3g);"
              + " give each side at least %d",
          n,
          m,
          level.label(),
          format(alpha),
          best,
          needed);
    }
    return null;
  }

  /** The policy in words, for the head of the table. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "Mann-Whitney U, one-sided, p < %s and a change of the median of at least %s"
            + " (bytes allocated: also at least %s B/op); per-%s samples, at least %d per side",
        format(alpha),
        percent(threshold),
        format(minAllocBytes),
        level.label(),
        minSamples);
  }

  static String percent(double fraction) {
    return format(fraction * 100) + "%";
  }

  private static String format(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}

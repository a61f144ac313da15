package dev.trainunit.benchmarks.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches the benchmarks of the baseline and the candidate by {@link BenchmarkKey} and judges each
 * metric that both sides measured, under a {@link GatePolicy}.
 */
final class GateComparison {

  private final GatePolicy policy;
  private final Set<Metric> metrics;

  GateComparison(GatePolicy policy, Set<Metric> metrics) {
    this.policy = policy;
    this.metrics = Set.copyOf(metrics);
  }

  /** Every benchmark of either side, in the baseline's order, then those of the candidate only. */
  List<BenchmarkVerdict> compare(List<BenchmarkRun> baseline, List<BenchmarkRun> candidate) {
    Map<BenchmarkKey, BenchmarkRun> remaining = new LinkedHashMap<>();
    for (BenchmarkRun run : candidate) remaining.put(run.key(), run);
    List<BenchmarkVerdict> verdicts = new ArrayList<>();
    for (BenchmarkRun old : baseline) {
      BenchmarkRun now = remaining.remove(old.key());
      verdicts.add(
          now == null ? BenchmarkVerdict.oneSided(old.key(), Verdict.MISSING) : compare(old, now));
    }
    for (BenchmarkRun added : remaining.values()) {
      verdicts.add(BenchmarkVerdict.oneSided(added.key(), Verdict.NEW));
    }
    return verdicts;
  }

  BenchmarkVerdict compare(BenchmarkRun baseline, BenchmarkRun candidate) {
    List<MetricVerdict> judged = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      if (!metrics.contains(metric)) continue;
      boolean inBaseline = metric.measuredIn(baseline);
      boolean inCandidate = metric.measuredIn(candidate);
      if (!inBaseline && !inCandidate) continue;
      if (inBaseline != inCandidate) {
        judged.add(
            MetricVerdict.incomparable(
                metric,
                metric.unit(inBaseline ? baseline : candidate),
                "only the " + (inBaseline ? "baseline" : "candidate") + " has " + needs(metric)));
        continue;
      }
      judged.add(judge(metric, baseline, candidate));
    }
    return BenchmarkVerdict.of(baseline.key(), judged);
  }

  private MetricVerdict judge(Metric metric, BenchmarkRun baseline, BenchmarkRun candidate) {
    String unit = metric.unit(baseline);
    String otherUnit = metric.unit(candidate);
    BenchmarkRun converted = candidate;
    if (!unit.equals(otherUnit)) {
      if (metric == Metric.ALLOC || !ScoreUnits.convertible(otherUnit, unit)) {
        return MetricVerdict.incomparable(
            metric, unit, "cannot compare " + unit + " with " + otherUnit);
      }
      converted = candidate.in(unit);
    }
    ScoreDirection direction;
    try {
      direction = metric.direction(baseline);
    } catch (IllegalArgumentException e) {
      return MetricVerdict.incomparable(metric, unit, e.getMessage());
    }
    return policy.judge(
        metric,
        unit,
        direction,
        metric.samples(baseline, policy.level()),
        metric.samples(converted, policy.level()));
  }

  private static String needs(Metric metric) {
    return metric == Metric.ALLOC
        ? "gc.alloc.rate.norm (run both with -prof gc)"
        : "sampled times (sample mode)";
  }
}

package dev.trainunit.benchmarks.gate;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the gate judges of a benchmark. {@link #P50} and {@link #P99} need the histograms of {@code
 * sample} mode; {@link #ALLOC} needs {@code -prof gc}.
 */
enum Metric {
  /** The primary score: mean time per operation, or operations per time for {@code thrpt}. */
  MEAN("mean"),
  /** The median of the sampled times ({@code sample} mode). */
  P50("p50"),
  /** The 99th percentile of the sampled times ({@code sample} mode). */
  P99("p99"),
  /** Bytes allocated per operation, {@code gc.alloc.rate.norm}; lower is better in every mode. */
  ALLOC("alloc");

  private final String label;

  Metric(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** Whether a run has what this metric needs. */
  boolean measuredIn(BenchmarkRun run) {
    return switch (this) {
      case MEAN -> !run.forks().isEmpty();
      case P50, P99 -> run.hasHistograms();
      case ALLOC -> run.hasAlloc();
    };
  }

  String unit(BenchmarkRun run) {
    return this == ALLOC ? run.allocUnit() : run.unit();
  }

  ScoreDirection direction(BenchmarkRun run) {
    return this == ALLOC
        ? ScoreDirection.LOWER_IS_BETTER
        : ScoreDirection.of(run.key().mode(), run.unit());
  }

  /**
   * The observations of this metric in a run: per fork, the mean of its iterations' scores (JMH's
   * own score is that mean), the percentile of all its sampled times, or the mean of its
   * iterations' bytes per operation; per iteration, the iteration's own value.
   */
  double[] samples(BenchmarkRun run, SampleLevel level) {
    List<Double> out = new ArrayList<>();
    for (ForkSamples fork : run.forks()) {
      switch (this) {
        case MEAN -> add(out, fork.scores(), level);
        case ALLOC -> add(out, fork.allocBytes(), level);
        case P50, P99 -> {
          double percent = this == P50 ? 50 : 99;
          if (level == SampleLevel.FORK) {
            out.add(Histogram.merge(fork.histograms()).percentile(percent));
          } else {
            for (Histogram h : fork.histograms()) out.add(h.percentile(percent));
          }
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void add(List<Double> out, double[] iterations, SampleLevel level) {
    if (iterations.length == 0) return;
    if (level == SampleLevel.ITERATION) {
      for (double v : iterations) out.add(v);
    } else {
      double sum = 0;
      for (double v : iterations) sum += v;
      out.add(sum / iterations.length);
    }
  }

  /** "mean,p50,alloc" or "all". */
  static Set<Metric> parseList(String text) {
    if (text.trim().equalsIgnoreCase("all")) return EnumSet.allOf(Metric.class);
    Set<Metric> metrics = EnumSet.noneOf(Metric.class);
    for (String part : text.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      Metric found = null;
      for (Metric m : values()) if (m.label.equals(name)) found = m;
      if (found == null) {
        throw new IllegalArgumentException(
            "unknown metric '" + part.trim() + "' in --metrics; use mean, p50, p99, alloc or all");
      }
      metrics.add(found);
    }
    return metrics;
  }
}

package dev.trainunit.benchmarks.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one side (baseline or candidate) measured of one benchmark: its forks, from one JMH
 * result or from several runs of the same command merged (one fork per interleaved round).
 *
 * @param settings warm-up, measurement and thread settings as JMH wrote them, so that runs merged
 *     into one are known to be runs of the same command
 * @param allocUnit the unit of {@code gc.alloc.rate.norm} (B/op), null without {@code -prof gc}
 */
record BenchmarkRun(
    BenchmarkKey key, String unit, String allocUnit, String settings, List<ForkSamples> forks) {

  BenchmarkRun {
    forks = List.copyOf(forks);
  }

  /** Whether every fork has per-iteration histograms ({@code sample} mode). */
  boolean hasHistograms() {
    return !forks.isEmpty() && forks.stream().allMatch(f -> !f.histograms().isEmpty());
  }

  /** Whether every fork has bytes allocated per operation ({@code -prof gc}). */
  boolean hasAlloc() {
    return allocUnit != null
        && !forks.isEmpty()
        && forks.stream().allMatch(f -> f.allocBytes().length > 0);
  }

  /** This run followed by the forks of {@code other}, a run of the same benchmark. */
  BenchmarkRun plus(BenchmarkRun other) {
    List<ForkSamples> all = new ArrayList<>(forks);
    all.addAll(other.forks);
    return new BenchmarkRun(key, unit, allocUnit, settings, all);
  }

  /** The same run with its primary values expressed in {@code targetUnit}. */
  BenchmarkRun in(String targetUnit) {
    if (unit.equals(targetUnit)) return this;
    double factor = ScoreUnits.factor(unit, targetUnit);
    return new BenchmarkRun(
        key, targetUnit, allocUnit, settings, forks.stream().map(f -> f.scaled(factor)).toList());
  }
}

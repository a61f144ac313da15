package dev.trainunit.benchmarks.gate;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What identifies one benchmark result across two runs: the benchmark's full name, its mode and its
 * parameter values. Two results with the same key measure the same thing.
 */
record BenchmarkKey(String benchmark, String mode, SortedMap<String, String> params) {

  BenchmarkKey {
    params = new TreeMap<>(params);
  }

  static BenchmarkKey of(String benchmark, String mode, Map<String, String> params) {
    return new BenchmarkKey(benchmark, mode, new TreeMap<>(params));
  }

  /**
   * The benchmark name without its package, and its parameters: {@code OverheadBenchmark.train
   * [loggers=json]}.
   */
  String displayName() {
    int lastDot = benchmark.lastIndexOf('.');
    int classDot = lastDot > 0 ? benchmark.lastIndexOf('.', lastDot - 1) : -1;
    String shortName = benchmark.substring(classDot + 1);
    if (params.isEmpty()) return shortName;
    return shortName
        + params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ", " [", "]"));
  }
}

package dev.trainunit.engine.check;

import dev.trainunit.engine.run.Fact;
import dev.trainunit.engine.run.Metrics;
import dev.trainunit.engine.run.TrialSubject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model's metrics that are figures of the run rather than of the state: a throughput, a
 * duration, anything a correct model reports from the clock. Two fresh runs of a reproducible
 * trainable tell them: they differ in these numbers, and agree exactly in every other metric, among
 * them one that moves from iteration to iteration and so shows the state. Such metrics are left out
 * of every comparison, as {@code @Trainable(ignoreMetrics)} would leave them out: a model that
 * reports {@code samples_per_s} failed every comparing check, though it restores exactly.
 *
 * <p>When other metrics differ too, or none is left that shows the state, nothing is left out: the
 * runs disagree about the model, which is for {@code determinism} to report.
 */
final class RunDependentMetrics {

  private static final Fact<Set<String>> FACT =
      new Fact<>("the metrics in which two fresh runs differ while every other agrees");

  private RunDependentMetrics() {}

  /** Those of {@code subject}, from its reference and its buffered run, found out once. */
  static Set<String> of(TrialSubject subject) {
    if (!subject.declaration().deterministic()) return Set.of();
    return subject.fact(
        FACT,
        () ->
            find(
                subject.reference().comparable(),
                Metrics.comparable(
                    subject.bufferedRun().results(), subject.declaration().ignoredMetrics())));
  }

  static Set<String> find(List<Map<String, Object>> a, List<Map<String, Object>> b) {
    if (a.size() != b.size() || a.isEmpty()) return Set.of();
    Set<String> differing = new TreeSet<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).keySet().equals(b.get(i).keySet())) return Set.of();
      for (Map.Entry<String, Object> e : a.get(i).entrySet()) {
        Object other = b.get(i).get(e.getKey());
        if (Objects.equals(e.getValue(), other)) continue;
        if (Counters.isCounter(e.getKey())
            || !(e.getValue() instanceof Number)
            || !(other instanceof Number)) {
          return Set.of();
        }
        differing.add(e.getKey());
      }
    }
    if (differing.isEmpty() || !anotherShowsTheState(a, differing)) return Set.of();
    return Set.copyOf(differing);
  }

  /** Whether a metric outside {@code left} (not a counter) takes more than one value in the run. */
  private static boolean anotherShowsTheState(List<Map<String, Object>> run, Set<String> left) {
    for (String key : run.get(0).keySet()) {
      if (left.contains(key) || Counters.isCounter(key)) continue;
      Object first = run.get(0).get(key);
      if (run.stream().anyMatch(r -> !Objects.equals(first, r.get(key)))) return true;
    }
    return false;
  }

  /** {@code results} without {@code metrics}. */
  static List<Map<String, Object>> without(List<Map<String, Object>> results, Set<String> metrics) {
    return results.stream()
        .map(
            r -> {
              Map<String, Object> out = new LinkedHashMap<String, Object>(r);
              out.keySet().removeAll(metrics);
              return out;
            })
        .toList();
  }
}

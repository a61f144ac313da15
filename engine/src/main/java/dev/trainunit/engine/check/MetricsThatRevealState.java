package dev.trainunit.engine.check;

import dev.trainunit.Result;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.StreamComparison;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether comparing runs after a restore can see the model's state at all. A comparison of metrics
 * that do not depend on what the model learned (a constant, a count of iterations) passes whatever
 * the checkpoint holds: it cannot fail, so it proves nothing. The reference run shows it for free:
 * its own first iterations are what a fresh, untrained instance gives; when every iteration after a
 * checkpoint gives the same model metrics as the iteration that many steps from the start, a
 * restored instance and an untrained one cannot be told apart.
 */
final class MetricsThatRevealState {

  private static final Set<String> COUNTERS =
      Set.of(Result.TRAINING_ITERATION, Result.TIMESTEPS_TOTAL, Result.EPISODES_TOTAL, Result.DONE);

  private MetricsThatRevealState() {}

  /**
   * Why the comparisons after restoring the checkpoints of {@code ks} prove nothing; empty when at
   * least one of them can see the state.
   */
  static Optional<String> whyNone(
      ReferenceRun reference, List<Integer> ks, StreamComparison comparison) {
    List<Map<String, Object>> model =
        reference.comparable().stream().map(MetricsThatRevealState::modelMetrics).toList();
    Set<String> counters = countersInDisguise(reference.comparable());
    List<Map<String, Object>> revealing = model.stream().map(m -> without(m, counters)).toList();
    if (revealing.stream().allMatch(Map::isEmpty)) {
      return Optional.of(
          "the results carry no metric of the model's own, only counters, so a comparison after a "
              + "restore cannot see the model's state: report the loss or another metric that depends on the weights");
    }
    for (int k : ks) {
      List<Map<String, Object>> afterK = revealing.subList(k, revealing.size());
      List<Map<String, Object>> fromStart = revealing.subList(0, afterK.size());
      if (comparison.firstDivergence(fromStart, afterK).isPresent()) return Optional.empty();
    }
    return Optional.of(
        "the metrics do not reveal the model's state: after every checkpoint ("
            + ks
            + ") the run goes "
            + "on with the same "
            + revealing.get(0).keySet()
            + " as a fresh, untrained instance does from its first "
            + "iteration, so a restored instance cannot be told from one that lost everything — report the loss or "
            + "another metric that depends on the weights");
  }

  private static Map<String, Object> modelMetrics(Map<String, Object> result) {
    return without(result, COUNTERS);
  }

  /**
   * Metrics equal to training_iteration in every result: a count of iterations, whatever their
   * name.
   */
  private static Set<String> countersInDisguise(List<Map<String, Object>> results) {
    return results.isEmpty()
        ? Set.of()
        : results.get(0).keySet().stream()
            .filter(key -> !COUNTERS.contains(key))
            .filter(
                key ->
                    results.stream()
                        .allMatch(
                            r ->
                                r.get(key) instanceof Number n
                                    && r.get(Result.TRAINING_ITERATION) instanceof Number i
                                    && n.doubleValue() == i.doubleValue()))
            .collect(Collectors.toSet());
  }

  private static Map<String, Object> without(Map<String, Object> result, Set<String> keys) {
    Map<String, Object> out = new LinkedHashMap<>();
    result.forEach(
        (k, v) -> {
          if (!keys.contains(k)) out.put(k, v);
        });
    return out;
  }
}

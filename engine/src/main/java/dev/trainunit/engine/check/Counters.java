package dev.trainunit.engine.check;

import dev.trainunit.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The framework's counters of a result: all that two runs of a non-deterministic trainable ({@code
 * deterministic = false}) must still agree on.
 */
final class Counters {

  private static final Set<String> KEYS =
      Set.of(Result.TRAINING_ITERATION, Result.TIMESTEPS_TOTAL, Result.EPISODES_TOTAL, Result.DONE);

  private Counters() {}

  /** Whether {@code key} is one of the counters. */
  static boolean isCounter(String key) {
    return KEYS.contains(key);
  }

  static List<Map<String, Object>> only(List<Map<String, Object>> results) {
    return results.stream().map(Counters::only).toList();
  }

  static Map<String, Object> only(Map<String, Object> result) {
    Map<String, Object> out = new LinkedHashMap<>();
    result.forEach(
        (k, v) -> {
          if (KEYS.contains(k)) out.put(k, v);
        });
    return out;
  }
}

package dev.trainunit.engine.run;

import dev.trainunit.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The part of a result that two runs of a correct trainable must agree on: the model's own metrics
 * and the framework's counters, without wall-clock times, dates, process ids and other things that
 * differ between any two runs.
 */
@API(status = API.Status.INTERNAL)
public final class Metrics {

  /**
   * Auto-filled keys that differ between runs of a correct trainable, or restart after a restore.
   */
  public static final Set<String> NOT_COMPARED =
      Set.of(
          Result.TIME_THIS_ITER_S,
          Result.TIME_TOTAL_S,
          Result.TIME_SINCE_RESTORE,
          Result.ITERATIONS_SINCE_RESTORE,
          Result.TIMESTEPS_SINCE_RESTORE,
          Result.TIMESTAMP,
          Result.DATE,
          Result.TRIAL_ID,
          Result.PID,
          Result.HOSTNAME,
          Result.NODE_IP,
          Result.CONFIG);

  private Metrics() {}

  /** What to compare of {@code result}, leaving out {@code ignored} metrics as well. */
  public static Map<String, Object> comparable(Result result, Set<String> ignored) {
    Map<String, Object> out = new LinkedHashMap<>();
    result
        .asMap()
        .forEach(
            (k, v) -> {
              if (!NOT_COMPARED.contains(k) && !ignored.contains(k)) out.put(k, v);
            });
    return out;
  }

  public static List<Map<String, Object>> comparable(List<Result> results, Set<String> ignored) {
    return results.stream().map(r -> comparable(r, ignored)).toList();
  }
}

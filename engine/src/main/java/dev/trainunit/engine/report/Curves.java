package dev.trainunit.engine.report;

import dev.trainunit.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a stream of comparable results into one numeric series per metric, by training_iteration.
 */
final class Curves {

  /** One point of a curve; {@code y} may be NaN or infinite (drawn as a gap). */
  record Point(double x, double y) {}

  private Curves() {}

  /**
   * The top-level numeric metrics of {@code results} (booleans, strings, lists, maps and the
   * iteration counter itself left out), each as a series over training_iteration. A result without
   * training_iteration takes {@code firstIteration} plus its position.
   */
  static Map<String, List<Point>> of(List<Map<String, Object>> results, long firstIteration) {
    Map<String, List<Point>> curves = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      Map<String, Object> r = results.get(i);
      double x =
          r.get(Result.TRAINING_ITERATION) instanceof Number n
              ? n.doubleValue()
              : firstIteration + i;
      for (Map.Entry<String, Object> e : r.entrySet()) {
        if (e.getKey().equals(Result.TRAINING_ITERATION) || !(e.getValue() instanceof Number n))
          continue;
        curves
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(new Point(x, n.doubleValue()));
      }
    }
    return curves;
  }
}

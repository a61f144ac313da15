package dev.trainunit.engine.run;

import dev.trainunit.Result;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Compares two metric streams iteration by iteration and finds the first place they part: exactly,
 * or within a relative tolerance for floating-point values.
 */
@API(status = API.Status.INTERNAL)
public final class StreamComparison {

  /** Stands for a metric one side does not have. */
  static final Object MISSING =
      new Object() {
        @Override
        public String toString() {
          return "<absent>";
        }
      };

  private final double tolerance;

  public StreamComparison(double tolerance) {
    this.tolerance = tolerance;
  }

  /**
   * The first divergence between {@code expected} and {@code actual}, compared pairwise from their
   * first elements; a stream that ends early diverges at its end.
   */
  public Optional<Divergence> firstDivergence(
      List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      Optional<Divergence> d = compare(expected.get(i), actual.get(i));
      if (d.isPresent()) return d;
    }
    if (expected.size() != actual.size()) {
      Map<String, Object> lastCommon = n > 0 ? expected.get(n - 1) : Map.of();
      long iteration = n > 0 ? iterationOf(lastCommon, n) + 1 : 1;
      return Optional.of(
          new Divergence(
              iteration,
              "number of results",
              expected.size() + " results",
              actual.size() + " results"));
    }
    return Optional.empty();
  }

  /** The first metric in which two results differ. */
  public Optional<Divergence> compare(Map<String, Object> expected, Map<String, Object> actual) {
    long iteration = iterationOf(expected, -1);
    // Sorted, so that the metric a failure names does not depend on a map's iteration order
    // (Map.of's differs from one JVM to the next).
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      Optional<Divergence> d =
          compareValues(
              iteration,
              key,
              expected.containsKey(key) ? expected.get(key) : MISSING,
              actual.containsKey(key) ? actual.get(key) : MISSING);
      if (d.isPresent()) return d;
    }
    return Optional.empty();
  }

  private static long iterationOf(Map<String, Object> result, long fallback) {
    Object it = result.get(Result.TRAINING_ITERATION);
    return it instanceof Number n ? n.longValue() : fallback;
  }

  private Optional<Divergence> compareValues(long iteration, String path, Object e, Object a) {
    if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
      Set<Object> keys = new LinkedHashSet<>(em.keySet());
      keys.addAll(am.keySet());
      for (Object k : keys) {
        Optional<Divergence> d =
            compareValues(
                iteration,
                path + "." + k,
                em.containsKey(k) ? em.get(k) : MISSING,
                am.containsKey(k) ? am.get(k) : MISSING);
        if (d.isPresent()) return d;
      }
      return Optional.empty();
    }
    if (e instanceof List<?> el && a instanceof List<?> al) {
      if (el.size() != al.size()) {
        return Optional.of(new Divergence(iteration, path + ".size()", el.size(), al.size()));
      }
      Iterator<?> ei = el.iterator();
      Iterator<?> ai = al.iterator();
      for (int i = 0; ei.hasNext(); i++) {
        Optional<Divergence> d =
            compareValues(iteration, path + "[" + i + "]", ei.next(), ai.next());
        if (d.isPresent()) return d;
      }
      return Optional.empty();
    }
    if (e instanceof Number en && a instanceof Number an) {
      return numbersAgree(en, an)
          ? Optional.empty()
          : Optional.of(new Divergence(iteration, path, e, a));
    }
    return Objects.equals(e, a)
        ? Optional.empty()
        : Optional.of(new Divergence(iteration, path, e, a));
  }

  private boolean numbersAgree(Number e, Number a) {
    if (isIntegral(e) && isIntegral(a)) return e.longValue() == a.longValue();
    double x = e.doubleValue();
    double y = a.doubleValue();
    if (Double.compare(x, y) == 0 || x == y) return true;
    if (tolerance == 0
        || Double.isNaN(x)
        || Double.isNaN(y)
        || Double.isInfinite(x)
        || Double.isInfinite(y)) {
      return false;
    }
    return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }
}

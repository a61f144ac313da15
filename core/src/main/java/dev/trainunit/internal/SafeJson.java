package dev.trainunit.internal;

import static dev.trainunit.internal.Json.MAX_NAME_LENGTH;
import static dev.trainunit.internal.Json.MAX_NESTING_DEPTH;
import static dev.trainunit.internal.Json.MAX_STRING_LENGTH;
import static dev.trainunit.internal.Json.beyondLimits;
import static dev.trainunit.internal.Json.tooLong;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Copies of values kept as records (a checkpoint's last result, a result line) in a form JSON can
 * always hold, whatever a metric is: as Tune's {@code SafeFallbackEncoder}.
 *
 * <p>Internal: for TrainUnit's own modules, not for model code; it may change in any release.
 */
@API(status = API.Status.INTERNAL, since = "0.2.0")
public final class SafeJson {

  private SafeJson() {}

  /**
   * A copy of a JSON-shaped value in which anything JSON cannot hold is replaced by its string
   * form, as Tune's {@code SafeFallbackEncoder} does: for records of results (a checkpoint's last
   * result) that must not fail because one metric is an arbitrary object. What could not be read
   * back (nested deeper than {@link Json#MAX_NESTING_DEPTH}, or containing itself; a string, number
   * or key beyond the limits; a {@code toString()} that throws) is replaced by {@code "unloggable:
   * <why>"}, a key too long by its beginning.
   */
  public static Object safeCopy(Object value) {
    return safeCopy(value, 0);
  }

  /**
   * As {@link #safeCopy(Object)}, for a copy that will sit at nesting depth {@code depth} of its
   * document (0 for a document of its own, 1 for a member of the document's object, ...).
   */
  public static Object safeCopy(Object value, int depth) {
    try {
      if (value instanceof Map<?, ?> map) {
        if (depth >= MAX_NESTING_DEPTH) return tooDeep(value);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String key = String.valueOf(e.getKey());
          if (key.length() > MAX_NAME_LENGTH) key = key.substring(0, MAX_NAME_LENGTH - 3) + "...";
          copy.put(key, safeCopy(e.getValue(), depth + 1));
        }
        return copy;
      }
      if (value instanceof Path path) return path.toString();
      if (value instanceof Iterable<?> || value instanceof Object[]) {
        if (depth >= MAX_NESTING_DEPTH) return tooDeep(value);
        Iterable<?> elements =
            value instanceof Object[] array ? Arrays.asList(array) : (Iterable<?>) value;
        List<Object> copy = new ArrayList<>();
        for (Object v : elements) copy.add(safeCopy(v, depth + 1));
        return copy;
      }
      if (value != null && value.getClass().isArray() && depth >= MAX_NESTING_DEPTH) {
        return tooDeep(value);
      }
      String beyond = beyondLimits(value);
      if (beyond != null) return "unloggable: " + beyond;
      if (JsonShape.findUnserialisable("", value) == null) return value;
      String text = String.valueOf(value);
      return text.length() > MAX_STRING_LENGTH ? "unloggable: " + tooLong(text) : text;
    } catch (RuntimeException | StackOverflowError e) {
      return "unloggable: writing it threw " + e;
    }
  }

  private static String tooDeep(Object value) {
    return "unloggable: a "
        + value.getClass().getName()
        + " nested more than "
        + MAX_NESTING_DEPTH
        + " levels deep (or containing itself)";
  }
}

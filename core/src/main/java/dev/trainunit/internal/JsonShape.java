package dev.trainunit.internal;

import static dev.trainunit.internal.Json.MAX_NAME_LENGTH;
import static dev.trainunit.internal.Json.MAX_NESTING_DEPTH;
import static dev.trainunit.internal.Json.beyondLimits;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What JSON can hold, and TrainUnit read back: a value's first part that it cannot, named by its
 * path; and deep, unmodifiable copies of values that it can.
 *
 * <p>Internal: for TrainUnit's own modules, not for model code; it may change in any release.
 */
@API(status = API.Status.INTERNAL, since = "0.2.0")
public final class JsonShape {

  private JsonShape() {}

  /**
   * Deep, unmodifiable copy of a JSON-shaped value: maps keep their order, lists and primitive
   * arrays become unmodifiable lists. Anything else is kept as is; {@link #findUnserialisable}
   * refuses it where it matters.
   */
  public static Object freeze(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(freeze(v)));
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof double[] a) {
      List<Object> copy = new ArrayList<>(a.length);
      for (double d : a) copy.add(d);
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof long[] a) {
      List<Object> copy = new ArrayList<>(a.length);
      for (long d : a) copy.add(d);
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof int[] a) {
      List<Object> copy = new ArrayList<>(a.length);
      for (int d : a) copy.add(d);
      return Collections.unmodifiableList(copy);
    }
    // The other arrays findUnserialisable accepts: kept as is, they would stay mutable and shared
    // with the caller (a Config.of(map) whose String[] the caller changes later), and getList would
    // refuse them although they are JSON lists.
    if (value instanceof Object[] a) {
      List<Object> copy = new ArrayList<>(a.length);
      for (Object o : a) copy.add(freeze(o));
      return Collections.unmodifiableList(copy);
    }
    if (value != null && value.getClass().isArray()) {
      int n = Array.getLength(value);
      List<Object> copy = new ArrayList<>(n);
      for (int i = 0; i < n; i++) copy.add(Array.get(value, i));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /**
   * Why {@code value}, found at {@code path}, cannot be stored in a checkpoint so that {@code
   * restore()} reads it back as it was, or null: it is not JSON-shaped, it is beyond the limits
   * TrainUnit reads JSON with (nested deeper than {@link Json#MAX_NESTING_DEPTH} or in itself, a
   * string, number or key too long), or it is a {@code byte[]}, which would come back as a Base64
   * string.
   *
   * @param depth the nesting depth of what holds {@code value} (0 for the document itself)
   */
  public static String findUnstorable(String path, Object value, int depth) {
    if (value instanceof byte[]) {
      return path
          + " is a byte[], which JSON would give back as a Base64 string; write binary state to a"
          + " file with Checkpoint.output(dir, name) and read it with checkpoint.input(name)";
    }
    if (value instanceof Path) {
      return path + " is a " + value.getClass().getName() + "; store its toString()";
    }
    String beyond = beyondLimits(value);
    if (beyond != null) return path + " is " + beyond.replace("TrainUnit reads", "restore() reads");
    boolean container =
        value instanceof Map<?, ?> || value instanceof Iterable<?> || value instanceof Object[];
    if ((container || (value != null && value.getClass().isArray()))
        && depth >= MAX_NESTING_DEPTH) {
      return (path.length() > 120 ? path.substring(0, 120) + "..." : path)
          + " is nested more than "
          + MAX_NESTING_DEPTH
          + " levels deep (or contains itself), deeper than restore() reads";
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String at = path.isEmpty() ? key : path + "." + key;
        if (key.length() > MAX_NAME_LENGTH) {
          return (path.isEmpty() ? "a key" : path + " has a key")
              + " of "
              + key.length()
              + " characters, more than the "
              + MAX_NAME_LENGTH
              + " restore() reads";
        }
        String bad = findUnstorable(at, e.getValue(), depth + 1);
        if (bad != null) return bad;
      }
      return null;
    }
    if (value instanceof Iterable<?> || value instanceof Object[]) {
      Iterable<?> elements =
          value instanceof Object[] array ? Arrays.asList(array) : (Iterable<?>) value;
      int i = 0;
      for (Object v : elements) {
        String bad = findUnstorable(path + "[" + i++ + "]", v, depth + 1);
        if (bad != null) return bad;
      }
      return null;
    }
    String bad = findUnserialisable(path, value);
    return bad == null
        ? null
        : bad
            + " cannot be stored as JSON; store numbers, strings, booleans, arrays, lists and maps,"
            + " or write a file with Checkpoint.output(dir, name)";
  }

  /**
   * Finds the first value that cannot be written as JSON and names it by its path, for example
   * {@code "weights[3]"} or {@code "optimizer.moments"}; returns null when every value can.
   */
  public static String findUnserialisable(String path, Object value) {
    return findUnserialisable(path, value, 0);
  }

  private static String findUnserialisable(String path, Object value, int depth) {
    // A Path is an Iterable of Paths, and a one-name Path yields itself: it recursed until the
    // stack overflowed, as a map that contains itself did.
    if (value instanceof Path) {
      return path + " (a Path; store its toString(), or copy the file with Checkpoint.output)";
    }
    if (depth > MAX_NESTING_DEPTH) {
      return path + " (nested more than " + MAX_NESTING_DEPTH + " deep, or containing itself)";
    }
    if (value == null
        || value instanceof Number
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum<?>
        || value instanceof double[]
        || value instanceof float[]
        || value instanceof long[]
        || value instanceof int[]
        || value instanceof short[]
        || value instanceof byte[]
        || value instanceof boolean[]) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String bad =
            findUnserialisable(
                path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(),
                e.getValue(),
                depth + 1);
        if (bad != null) return bad;
      }
      return null;
    }
    if (value instanceof Iterable<?> list) {
      int i = 0;
      for (Object v : list) {
        String bad = findUnserialisable(path + "[" + i++ + "]", v, depth + 1);
        if (bad != null) return bad;
      }
      return null;
    }
    if (value instanceof Object[] array) {
      for (int i = 0; i < array.length; i++) {
        String bad = findUnserialisable(path + "[" + i + "]", array[i], depth + 1);
        if (bad != null) return bad;
      }
      return null;
    }
    return path + " (a " + value.getClass().getName() + ")";
  }
}

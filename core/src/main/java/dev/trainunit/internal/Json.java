package dev.trainunit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The one Jackson configuration TrainUnit reads and writes JSON with.
 *
 * <p>NaN and infinities are written as bare tokens, as Python's {@code json} module (and so Ray
 * Tune's {@code result.json}) writes them, and read back as doubles, so a metric that diverged
 * still round-trips through a checkpoint.
 *
 * <p>Internal: for TrainUnit's own modules, not for model code; it may change in any release.
 */
@API(status = API.Status.INTERNAL, since = "0.2.0")
public final class Json {

  /**
   * The deepest nesting of objects and arrays TrainUnit reads, the document's own level counted:
   * {@code {"a": [1]}} is nested 2 deep. What it writes (result lines, checkpoint data and
   * metadata) stays within it, so that whatever TrainUnit writes it can read back.
   */
  public static final int MAX_NESTING_DEPTH = 200;

  /** The longest string value or name TrainUnit reads or writes, in characters. */
  public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

  /** The longest number TrainUnit reads or writes, in characters of its JSON text. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** The longest member name (a map's key) TrainUnit reads or writes, in characters. */
  public static final int MAX_NAME_LENGTH = 50_000;

  /**
   * The largest training counter (iteration, timesteps, episodes) TrainUnit records or restores:
   * 2^53 − 1, the largest integer every JSON reader (JavaScript's, Python's float) holds exactly,
   * and far enough below {@code Long.MAX_VALUE} that adding one more iteration cannot overflow.
   */
  public static final long MAX_COUNTER = (1L << 53) - 1;

  /** Bounds what a hostile document can make the parser allocate. */
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .maxNameLength(MAX_NAME_LENGTH)
          .build();

  /** And what is written: a document nested deeper could not be read back. */
  private static final StreamWriteConstraints WRITE_LIMITS =
      StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build();

  public static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .streamReadConstraints(LIMITS)
            .streamWriteConstraints(WRITE_LIMITS)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }

  /**
   * Describes where a JSON document is malformed: line, column and the parser's reason, without
   * Jackson's source dump.
   */
  public static String describe(JsonProcessingException e) {
    StringBuilder sb = new StringBuilder(e.getOriginalMessage());
    if (e.getLocation() != null) {
      sb.append(" (line ")
          .append(e.getLocation().getLineNr())
          .append(", column ")
          .append(e.getLocation().getColumnNr())
          .append(')');
    }
    return sb.toString();
  }

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
   * A copy of a JSON-shaped value in which anything JSON cannot hold is replaced by its string
   * form, as Tune's {@code SafeFallbackEncoder} does: for records of results (a checkpoint's last
   * result) that must not fail because one metric is an arbitrary object. What could not be read
   * back (nested deeper than {@link #MAX_NESTING_DEPTH}, or containing itself; a string, number or
   * key beyond the limits; a {@code toString()} that throws) is replaced by {@code "unloggable:
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
      if (findUnserialisable("", value) == null) return value;
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

  /** Why a string or number cannot be read back, or null. */
  private static String beyondLimits(Object value) {
    if (value instanceof String s && s.length() > MAX_STRING_LENGTH) return tooLong(s);
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      int digits = value.toString().length();
      if (digits > MAX_NUMBER_LENGTH) {
        return "a number of "
            + digits
            + " characters, more than the "
            + MAX_NUMBER_LENGTH
            + " TrainUnit reads";
      }
    }
    return null;
  }

  private static String tooLong(String s) {
    return "a string of "
        + s.length()
        + " characters, more than the "
        + MAX_STRING_LENGTH
        + " TrainUnit reads";
  }

  /**
   * Why {@code value}, found at {@code path}, cannot be stored in a checkpoint so that {@code
   * restore()} reads it back as it was, or null: it is not JSON-shaped, it is beyond the limits
   * TrainUnit reads JSON with (nested deeper than {@link #MAX_NESTING_DEPTH} or in itself, a
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

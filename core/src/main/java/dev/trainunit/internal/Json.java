package dev.trainunit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Array;
import java.util.ArrayList;
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
@API(status = API.Status.INTERNAL, since = "0.1.0")
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

  /** Bounds what a hostile document can make the parser allocate. */
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .build();

  public static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .streamReadConstraints(LIMITS)
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
   * arrays become unmodifiable lists. Anything else is kept as is; {@link #checkSerialisable}
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
   * result) that must not fail because one metric is an arbitrary object.
   */
  public static Object safeCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), safeCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(safeCopy(v)));
      return copy;
    }
    return findUnserialisable("", value) == null ? value : String.valueOf(value);
  }

  /**
   * Finds the first value that cannot be written as JSON and names it by its path, for example
   * {@code "weights[3]"} or {@code "optimizer.moments"}; returns null when every value can.
   */
  public static String findUnserialisable(String path, Object value) {
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
                e.getValue());
        if (bad != null) return bad;
      }
      return null;
    }
    if (value instanceof Iterable<?> list) {
      int i = 0;
      for (Object v : list) {
        String bad = findUnserialisable(path + "[" + i++ + "]", v);
        if (bad != null) return bad;
      }
      return null;
    }
    if (value instanceof Object[] array) {
      for (int i = 0; i < array.length; i++) {
        String bad = findUnserialisable(path + "[" + i + "]", array[i]);
        if (bad != null) return bad;
      }
      return null;
    }
    return path + " (a " + value.getClass().getName() + ")";
  }
}

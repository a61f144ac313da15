package dev.trainunit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainunit.internal.Json;
import dev.trainunit.internal.JsonShape;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A read-only, JSON-shaped map with typed getters: the common face of {@link Config}, a {@link
 * Result} and {@link Checkpoint#data()}.
 *
 * <p>Getters without a default throw {@link IllegalArgumentException} naming the missing key; every
 * getter throws it, naming the key and the type found, when the value has the wrong type. Numbers
 * convert freely between widths as long as no information is lost.
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public abstract class JsonMap {

  JsonMap() {}

  /** An immutable JsonMap holding a deep copy of {@code values}. */
  public static JsonMap of(Map<String, ?> values) {
    return new Plain(values);
  }

  /** The values as an unmodifiable map, in insertion order. */
  public abstract Map<String, Object> asMap();

  /** What kind of map this is, for error messages: "config", "result", "checkpoint data". */
  abstract String kind();

  public final Object get(String key) {
    return asMap().get(key);
  }

  public final boolean containsKey(String key) {
    return asMap().containsKey(key);
  }

  public final Set<String> keySet() {
    return asMap().keySet();
  }

  public final int size() {
    return asMap().size();
  }

  public final boolean isEmpty() {
    return asMap().isEmpty();
  }

  public final double getDouble(String key) {
    return toDouble(key, require(key));
  }

  public final double getDouble(String key, double defaultValue) {
    Object v = get(key);
    return v == null ? defaultValue : toDouble(key, v);
  }

  public final long getLong(String key) {
    return toLong(key, require(key));
  }

  public final long getLong(String key, long defaultValue) {
    Object v = get(key);
    return v == null ? defaultValue : toLong(key, v);
  }

  public final int getInt(String key) {
    return toInt(key, require(key));
  }

  public final int getInt(String key, int defaultValue) {
    Object v = get(key);
    return v == null ? defaultValue : toInt(key, v);
  }

  public final String getString(String key) {
    return toStringValue(key, require(key));
  }

  public final String getString(String key, String defaultValue) {
    Object v = get(key);
    return v == null ? defaultValue : toStringValue(key, v);
  }

  public final boolean getBoolean(String key) {
    return toBoolean(key, require(key));
  }

  public final boolean getBoolean(String key, boolean defaultValue) {
    Object v = get(key);
    return v == null ? defaultValue : toBoolean(key, v);
  }

  /** A list of numbers as a fresh {@code double[]}, the form most model state takes. */
  public final double[] getDoubleArray(String key) {
    List<?> list = getList(key);
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toDouble(key + "[" + i + "]", list.get(i));
    }
    return out;
  }

  /** A list of integral numbers as a fresh {@code long[]}. */
  public final long[] getLongArray(String key) {
    List<?> list = getList(key);
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toLong(key + "[" + i + "]", list.get(i));
    }
    return out;
  }

  /** A list of integral numbers as a fresh {@code int[]}. */
  public final int[] getIntArray(String key) {
    List<?> list = getList(key);
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toInt(key + "[" + i + "]", list.get(i));
    }
    return out;
  }

  public final List<Object> getList(String key) {
    Object v = require(key);
    if (v instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<Object> typed = (List<Object>) list;
      return Collections.unmodifiableList(typed);
    }
    throw wrongType(key, v, "a list");
  }

  /** A nested object as a JsonMap of the same kind of typed getters. */
  public final JsonMap getMap(String key) {
    Object v = require(key);
    if (v instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) map;
      return new Plain(typed);
    }
    throw wrongType(key, v, "an object");
  }

  /** The map as compact JSON. */
  public final String toJson() {
    try {
      return Json.MAPPER.writeValueAsString(asMap());
    } catch (JsonProcessingException e) {
      String bad = JsonShape.findUnserialisable("", asMap());
      throw new IllegalArgumentException(
          "cannot write "
              + kind()
              + " as JSON"
              + (bad == null ? "" : ": value " + bad + " is not JSON-serialisable"),
          e);
    }
  }

  private Object require(String key) {
    Object v = get(key);
    if (v == null) {
      throw new IllegalArgumentException(
          kind() + " has no value for key '" + key + "' (keys: " + keySet() + ")");
    }
    return v;
  }

  private IllegalArgumentException wrongType(String key, Object v, String expected) {
    return new IllegalArgumentException(
        kind() + " key '" + key + "' should be " + expected + " but is " + describe(v));
  }

  private static String describe(Object v) {
    String text = String.valueOf(v);
    if (text.length() > 60) text = text.substring(0, 57) + "...";
    return v.getClass().getSimpleName() + " " + text;
  }

  private double toDouble(String key, Object v) {
    if (v instanceof Number n) return n.doubleValue();
    throw wrongType(key, v, "a number");
  }

  private long toLong(String key, Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) <= 0x1p53) return (long) d;
    }
    throw wrongType(key, v, "an integer");
  }

  private int toInt(String key, Object v) {
    long l = toLong(key, v);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw wrongType(key, v, "an int");
    return (int) l;
  }

  private String toStringValue(String key, Object v) {
    if (v instanceof String s) return s;
    throw wrongType(key, v, "a string");
  }

  private boolean toBoolean(String key, Object v) {
    if (v instanceof Boolean b) return b;
    throw wrongType(key, v, "a boolean");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonMap other && asMap().equals(other.asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return kind() + asMap();
  }

  private static final class Plain extends JsonMap {
    private final Map<String, Object> values;

    @SuppressWarnings("unchecked")
    Plain(Map<String, ?> values) {
      this.values =
          (Map<String, Object>) JsonShape.freeze(Objects.requireNonNull(values, "values"));
    }

    @Override
    public Map<String, Object> asMap() {
      return values;
    }

    @Override
    String kind() {
      return "map";
    }
  }
}

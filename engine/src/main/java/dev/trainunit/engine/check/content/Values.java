package dev.trainunit.engine.check.content;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * The types whose {@code equals} is their state, compared the way a restore must give them back:
 * exactly, floating point by its bits (NaN equals NaN, 0.0 differs from -0.0); and the short form
 * of a value in a message.
 */
final class Values {

  private static final int SHORT = 80;

  private Values() {}

  /** Strings, booleans, characters, classes, enums, boxed numbers and BigDecimal/BigInteger. */
  static boolean isValue(Class<?> type) {
    if (type == String.class
        || type == Boolean.class
        || type == Character.class
        || type == Class.class) return true;
    if (Enum.class.isAssignableFrom(type)) return true;
    // Boxed numbers and BigDecimal/BigInteger, but not the atomics, whose equals is identity.
    String pkg = type.getPackageName();
    return Number.class.isAssignableFrom(type)
        && (pkg.equals("java.lang") || pkg.equals("java.math"));
  }

  /** Whether two values of one {@linkplain #isValue value type} are the same. */
  static boolean equal(Object a, Object b) {
    if (a instanceof Double x)
      return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits((Double) b)
          || x.isNaN() && ((Double) b).isNaN();
    if (a instanceof Float x)
      return Float.floatToRawIntBits(x) == Float.floatToRawIntBits((Float) b)
          || x.isNaN() && ((Float) b).isNaN();
    return a.equals(b);
  }

  /**
   * The first index at which two primitive arrays of one type and length differ (by bits for
   * floating point), or -1: {@link Arrays#mismatch} compares them in bulk, as a model's weight
   * arrays can hold millions of elements.
   */
  static int firstMismatch(Object a, Object b) {
    if (a instanceof double[] x) return Arrays.mismatch(x, (double[]) b);
    if (a instanceof float[] x) return Arrays.mismatch(x, (float[]) b);
    if (a instanceof long[] x) return Arrays.mismatch(x, (long[]) b);
    if (a instanceof int[] x) return Arrays.mismatch(x, (int[]) b);
    if (a instanceof short[] x) return Arrays.mismatch(x, (short[]) b);
    if (a instanceof byte[] x) return Arrays.mismatch(x, (byte[]) b);
    if (a instanceof char[] x) return Arrays.mismatch(x, (char[]) b);
    return Arrays.mismatch((boolean[]) a, (boolean[]) b);
  }

  /**
   * A short, readable form of one value for a message. Never throws: an object whose {@code
   * toString} fails is named by its class and the failure.
   */
  static String describe(Object o) {
    if (o == null) return "null";
    if (o instanceof String s) return "\"" + shorten(s) + "\"";
    if (o.getClass().isArray())
      return o.getClass().getComponentType().getSimpleName() + "[" + Array.getLength(o) + "]";
    try {
      if (isValue(o.getClass())) return String.valueOf(o); // an enum's toString is the user's code
      if (o instanceof Collection<?> c) return o.getClass().getSimpleName() + " of " + c.size();
      if (o instanceof Map<?, ?> m) return o.getClass().getSimpleName() + " of " + m.size();
      return shorten(String.valueOf(o));
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return o.getClass().getName() + " (its toString() threw " + e + ")";
    }
  }

  private static String shorten(String s) {
    return s.length() > SHORT ? s.substring(0, SHORT) + "…" : s;
  }
}

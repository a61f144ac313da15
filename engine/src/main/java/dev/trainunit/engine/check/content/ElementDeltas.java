package dev.trainunit.engine.check.content;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How much two primitive arrays of one length differ, in the few words a failure message has room
 * for: {@code max |Δ| 0.31} when every element differs, {@code 3 differ, max |Δ| 0.31} when some
 * do, {@code 3 differ} for booleans and characters. Only arrays already known to differ are
 * scanned, from their first differing element on.
 */
final class ElementDeltas {

  private ElementDeltas() {}

  /**
   * @param from the first index at which {@code a} and {@code b} differ
   */
  static String describe(Object a, Object b, int from) {
    int length = Array.getLength(a);
    boolean numeric = !(a instanceof boolean[] || a instanceof char[]);
    int differ = 0;
    double max = 0;
    for (int i = from; i < length; i++) {
      if (same(a, b, i)) continue;
      differ++;
      if (numeric) max = Math.max(max, Math.abs(Array.getDouble(a, i) - Array.getDouble(b, i)));
    }
    String count = differ + " differ";
    if (!numeric) return count;
    return (differ == length ? "" : count + ", ") + "max |Δ| " + number(max);
  }

  /**
   * Element {@code i} of both arrays is the same, floating point by its bits as {@code
   * Arrays.mismatch} has it.
   */
  private static boolean same(Object a, Object b, int i) {
    if (a instanceof double[] x)
      return Double.doubleToLongBits(x[i]) == Double.doubleToLongBits(((double[]) b)[i]);
    if (a instanceof float[] x)
      return Float.floatToIntBits(x[i]) == Float.floatToIntBits(((float[]) b)[i]);
    return Array.get(a, i).equals(Array.get(b, i));
  }

  /** A magnitude to three significant digits: {@code 0.31}, {@code 1.25E-7}, {@code 12}. */
  static String number(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) return Double.toString(x);
    if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
    BigDecimal rounded = new BigDecimal(x).round(new MathContext(3)).stripTrailingZeros();
    double abs = Math.abs(x);
    return abs >= 1e-3 && abs < 1e6 ? rounded.toPlainString() : rounded.toString();
  }
}

package dev.trainunit.logging;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The byte buffer result lines are built in, and how numbers go into it: longs and doubles written
 * as Jackson writes them (doubles as its fast Schubfach writer does), straight into the buffer,
 * without the string each would otherwise allocate. {@link JsonLines} adds the rest of JSON and the
 * lines.
 */
abstract class NumberText {

  private static final byte[] ZERO = bytes("0.0");
  private static final byte[] NEGATIVE_ZERO = bytes("-0.0");
  private static final byte[] DIGIT_TENS = new byte[100];
  private static final byte[] DIGIT_ONES = new byte[100];

  /** 10^0 .. 10^18. */
  private static final long[] POW10_LONG = new long[19];

  /** 10^-7 .. 10^29 at index exponent + 7; those of 10^0 .. 10^22 are exact. */
  private static final double[] POW10 = new double[37];

  /** 5^0 .. 5^31 as unsigned 128-bit integers: high and low halves. */
  private static final long[] FIVE_HI = new long[32];

  private static final long[] FIVE_LO = new long[32];

  static {
    for (int i = 0; i < FIVE_HI.length; i++) {
      BigInteger five = BigInteger.valueOf(5).pow(i);
      FIVE_HI[i] = five.shiftRight(64).longValue();
      FIVE_LO[i] = five.longValue();
    }
    for (int i = 0; i < 100; i++) {
      DIGIT_TENS[i] = (byte) ('0' + i / 10);
      DIGIT_ONES[i] = (byte) ('0' + i % 10);
    }
    long p = 1;
    for (int i = 0; i < POW10_LONG.length; i++, p *= 10) POW10_LONG[i] = p;
    for (int i = 0; i < POW10.length; i++) POW10[i] = Double.parseDouble("1e" + (i - 7));
  }

  byte[] buf;
  int len;

  NumberText(int capacity) {
    buf = new byte[capacity];
  }

  /** Makes room for {@code n} more bytes at {@code len}. */
  abstract void ensure(int n) throws IOException;

  void put(byte[] b) throws IOException {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }

  /** Text known to need no escaping, such as a number's. */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) copies Latin-1 text directly
  void putAscii(String s) throws IOException {
    int n = s.length();
    ensure(n);
    s.getBytes(0, n, buf, len);
    len += n;
  }

  void writeLong(long v) throws IOException {
    if (v == Long.MIN_VALUE) {
      putAscii("-9223372036854775808");
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    writeDigits(v, digits(v));
  }

  /** How many decimal digits {@code v}, at least 0, has; 1 for 0. */
  private static int digits(long v) {
    int n = 1;
    for (int i = 1; i < POW10_LONG.length && v >= POW10_LONG[i]; i++) n++;
    return n;
  }

  /** The {@code n} digits of {@code v} (at least 0), into room already ensured. */
  private void writeDigits(long v, int n) {
    int end = len + n;
    int i = end;
    while (v >= Integer.MAX_VALUE) {
      long q = v / 100;
      int r = (int) (v - q * 100);
      buf[--i] = DIGIT_ONES[r];
      buf[--i] = DIGIT_TENS[r];
      v = q;
    }
    int w = (int) v;
    while (w >= 100) {
      int q = w / 100;
      int r = w - q * 100;
      buf[--i] = DIGIT_ONES[r];
      buf[--i] = DIGIT_TENS[r];
      w = q;
    }
    if (w >= 10) {
      buf[--i] = DIGIT_ONES[w];
      buf[--i] = DIGIT_TENS[w];
    } else {
      buf[--i] = (byte) ('0' + w);
    }
    len = end;
  }

  /** The shortest decimal that reads back as {@code v}, as Jackson's fast writer gives it. */
  void writeDouble(double v) throws IOException {
    if (!writeShortDouble(v) && !writeLongDouble(v)) putAscii(NumberOutput.toString(v, true));
  }

  /**
   * Writes {@code v} as {@link NumberOutput#toString(double, boolean)} does, without allocating,
   * when its shortest decimal has at most 15 significant digits (times, rates, most step results);
   * false, and nothing written, for any other value. Why the text is the same: a decimal {@code D}
   * of at most 15 digits that rounds to {@code v} (checked exactly below: {@code M} and {@code
   * 10^s} are exact doubles, and IEEE division and multiplication round correctly) is the only
   * decimal of at most 15 digits that does, since distinct decimals of at most 15 digits round to
   * distinct normal doubles ({@code 10^15 < 2^52}). So {@code D} is the shortest one, the one the
   * Schubfach writer picks, and only its formatting is left to match.
   */
  boolean writeShortDouble(double v) throws IOException {
    double a = Math.abs(v);
    if (a == 0) {
      put(Double.doubleToRawLongBits(v) < 0 ? NEGATIVE_ZERO : ZERO);
      return true;
    }
    if (!(a >= 1e-7 && a < 1e15)) return false; // also NaN
    // e: the decimal exponent of a's first digit, estimated; a wrong estimate only costs a miss.
    int e = (int) Math.floor(Math.getExponent(a) * 0.30102999566398120);
    if (a >= POW10[e + 1 + 7]) e++;
    int s = 14 - e; // a * 10^s has 15 integer digits; 0 <= s <= 22, so 10^s is exact
    if (s < 0 || s > 22) return false;
    long m = Math.round(a * POW10[s + 7]);
    if (m <= 0 || m >= POW10_LONG[15]) return false;
    if (m / POW10[s + 7] != a) return false;
    // D = m * 10^-s; drop its trailing zeros.
    int q = -s;
    while (m % 10 == 0) {
      m /= 10;
      q++;
    }
    writeDecimal(v < 0, m, q);
    return true;
  }

  /**
   * {@code (negative ? -1 : 1) * m * 10^q}, {@code m} without trailing zeros, as Jackson writes it.
   */
  private void writeDecimal(boolean negative, long m, int q) throws IOException {
    int n = digits(m);
    int exp = q + n - 1; // D = d.ddd * 10^exp
    ensure(n + 26);
    if (negative) buf[len++] = '-';
    if (exp >= -3 && exp < 7) {
      if (exp >= 0) {
        int intDigits = exp + 1;
        if (n <= intDigits) {
          writeDigits(m, n);
          for (int i = n; i < intDigits; i++) buf[len++] = '0';
          buf[len++] = '.';
          buf[len++] = '0';
        } else {
          int start = len;
          writeDigits(m, n);
          // open a gap for the point after intDigits digits
          System.arraycopy(buf, start + intDigits, buf, start + intDigits + 1, n - intDigits);
          buf[start + intDigits] = '.';
          len++;
        }
      } else {
        buf[len++] = '0';
        buf[len++] = '.';
        for (int i = -1; i > exp; i--) buf[len++] = '0';
        writeDigits(m, n);
      }
    } else {
      int start = len;
      writeDigits(m, n);
      if (n == 1) {
        buf[len++] = '.';
        buf[len++] = '0';
      } else {
        System.arraycopy(buf, start + 1, buf, start + 2, n - 1);
        buf[start + 1] = '.';
        len++;
      }
      buf[len++] = 'E';
      if (exp < 0) {
        buf[len++] = '-';
        exp = -exp;
      }
      writeDigits(exp, digits(exp));
    }
  }

  /**
   * Writes {@code v} as {@link NumberOutput#toString(double, boolean)} does, without allocating,
   * when {@code 1e-15 <= |v| < 1e15}; false, and nothing written, otherwise. The rounding interval
   * of {@code v} (the reals that round to it) is computed exactly, scaled by {@code 10^s} so that
   * its integers are 17-digit decimals, in 128-bit integers ({@code 10^s = 5^s 2^s}, the power of
   * two going into the shift); the decimal written is the one the Schubfach writer picks: among the
   * decimals in the interval with the fewest digits (with one digit, those with one or two), the
   * closest to {@code v}, the even one of two as close.
   */
  boolean writeLongDouble(double v) throws IOException {
    double a = Math.abs(v);
    if (!(a >= 1e-15 && a < 1e15)) return false;
    int e2 = Math.getExponent(a);
    long c = (Double.doubleToRawLongBits(a) & 0x000F_FFFF_FFFF_FFFFL) | 0x0010_0000_0000_0000L;
    boolean closed = (c & 1) == 0;
    // a = c 2^(e2 - 52); with x = 4c, the interval is [(x - dl) 5^s, (x + 2) 5^s] / 2^p
    long x = c << 2;
    long dl = c == 0x0010_0000_0000_0000L ? 1 : 2; // below a power of two the gap is half
    int e = (int) Math.floor(e2 * 0.30102999566398120);
    int s = 16 - e;
    int p = 54 - e2 - s;
    if (s < 0 || s >= FIVE_HI.length || p < 1 || p > 126) return false;
    long tHi = FIVE_HI[s];
    long tLo = FIVE_LO[s];
    // V = x 5^s, below 2^127
    long vLo = x * tLo;
    long vHi = unsignedMultiplyHigh(x, tLo) + x * tHi;
    // U = V + 2 5^s
    long t2Lo = tLo << 1;
    long t2Hi = (tHi << 1) | (tLo >>> 63);
    long uLo = vLo + t2Lo;
    long uHi = vHi + t2Hi + (Long.compareUnsigned(uLo, vLo) < 0 ? 1 : 0);
    // L = V - dl 5^s
    long dLo = dl == 1 ? tLo : t2Lo;
    long dHi = dl == 1 ? tHi : t2Hi;
    long lLo = vLo - dLo;
    long lHi = vHi - dHi - (Long.compareUnsigned(vLo, dLo) < 0 ? 1 : 0);
    boolean fits = p < 64 ? (uHi >>> (p - 1)) == 0 : p > 64 || uHi >= 0;
    if (!fits) return false; // U / 2^p must fit in a long
    long hi = shiftRight(uHi, uLo, p);
    if (!closed && lowBitsZero(uHi, uLo, p)) hi--;
    long lo = shiftRight(lHi, lLo, p);
    if (!lowBitsZero(lHi, lLo, p) || !closed) lo++;
    if (lo > hi || hi >= POW10_LONG[18] || lo <= 0) return false;
    // the most trailing zeros a decimal in [lo, hi] can have
    int j = 0;
    while (j < 17 && ceilDiv(lo, POW10_LONG[j + 1]) <= hi / POW10_LONG[j + 1]) j++;
    long t = closest(lo, hi, shiftRight(vHi, vLo, p), vHi, vLo, p, j);
    if (t > 0 && t < 10 && j > 0) {
      // one digit: those of two digits count as well
      j--;
      t = closest(lo, hi, shiftRight(vHi, vLo, p), vHi, vLo, p, j);
    }
    if (t <= 0) return false;
    int q = j - s;
    while (t % 10 == 0) {
      t /= 10;
      q++;
    }
    writeDecimal(v < 0, t, q);
    return true;
  }

  /**
   * Of the multiples of {@code 10^j} in {@code [lo, hi]}, the one closest to {@code V / 2^p} (whose
   * integer part is {@code vf}), the even one of two as close, divided by {@code 10^j}; 0 when
   * there is none.
   */
  private static long closest(long lo, long hi, long vf, long vHi, long vLo, int p, int j) {
    long unit = POW10_LONG[j];
    long tMin = ceilDiv(lo, unit);
    long tMax = hi / unit;
    if (tMin > tMax) return 0;
    long t0 = vf / unit;
    long d = unit - 2 * (vf - t0 * unit); // the distance to t0 against the distance to t0 + 1
    int choice; // < 0: t0, > 0: t0 + 1, 0: as close
    if (d >= 2) choice = -1;
    else if (d <= -1) choice = 1;
    else if (d == 1) choice = compareFractionWithHalf(vHi, vLo, p);
    else choice = lowBitsZero(vHi, vLo, p) ? 0 : 1;
    long t = choice < 0 ? t0 : choice > 0 ? t0 + 1 : ((t0 & 1) == 0 ? t0 : t0 + 1);
    if (t < tMin || t > tMax) t = t == t0 ? t0 + 1 : t0;
    return t < tMin || t > tMax ? 0 : t;
  }

  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }

  /** {@code floor((hi, lo) / 2^p)}, for a result that fits in a long, 1 <= p < 128. */
  private static long shiftRight(long hi, long lo, int p) {
    return p < 64 ? (hi << (64 - p)) | (lo >>> p) : hi >>> (p - 64);
  }

  /** Whether the low {@code p} bits of {@code (hi, lo)} are all zero. */
  private static boolean lowBitsZero(long hi, long lo, int p) {
    if (p < 64) return (lo & ((1L << p) - 1)) == 0;
    return lo == 0 && (hi & ((1L << (p - 64)) - 1)) == 0;
  }

  /** The sign of {@code frac((hi, lo) / 2^p) - 1/2}. */
  private static int compareFractionWithHalf(long hi, long lo, int p) {
    int b = p - 1;
    boolean bit = b < 64 ? ((lo >>> b) & 1) != 0 : ((hi >>> (b - 64)) & 1) != 0;
    if (!bit) return -1;
    return lowBitsZero(hi, lo, b) ? 0 : 1;
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }
}

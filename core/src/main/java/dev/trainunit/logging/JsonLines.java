package dev.trainunit.logging;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A buffer of JSON lines in front of a file, and the JSON writer that fills it: the text Jackson
 * writes with TrainUnit's configuration (doubles in their shortest form, NaN and infinities as bare
 * tokens, maps and lists as objects and arrays, {@code byte[]} as Base64), written straight into a
 * byte array.
 *
 * <p>Only complete lines ever reach the file: a line is built at the end of the buffer, and when
 * the buffer must make room, the lines before it are written out and it moves to the front (or the
 * buffer grows). So a process killed at any moment leaves a file of whole lines, as far as the file
 * system completes a write it was given, and a line that fails half-way ({@link #rewind}) is
 * dropped before a byte of it is written.
 *
 * <p>Values are written within {@link Json}'s limits, the ones TrainUnit reads with: nesting depth,
 * string and number length. A value beyond them, nested in itself, or whose {@code toString()}
 * throws, is an {@link Unloggable}.
 */
final class JsonLines {

  /** A value that cannot be written as JSON within the limits; says why, without a stack trace. */
  static final class Unloggable extends Exception {
    private static final long serialVersionUID = 1L;

    Unloggable(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = bytes("null");
  private static final byte[] TRUE = bytes("true");
  private static final byte[] FALSE = bytes("false");
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final int INITIAL = 64 * 1024;
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

  private final OutputStream out;
  private byte[] buf;
  private int len;

  /** Where the line being built starts; equal to {@code len} between lines. */
  private int lineStart;

  /** Whether a line is being built. */
  private boolean inLine;

  JsonLines(OutputStream out) {
    this(out, INITIAL);
  }

  private JsonLines(OutputStream out, int capacity) {
    this.out = out;
    this.buf = new byte[capacity];
  }

  /** {@code value} as JSON text, as a result line holds it at nesting depth {@code depth}. */
  static String toJson(Object value, int depth) throws Unloggable {
    JsonLines json = new JsonLines(OutputStream.nullOutputStream(), 64);
    try {
      json.beginLine();
      json.writeValue(value, depth);
    } catch (IOException cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
    return new String(json.buf, 0, json.len, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- lines

  void beginLine() {
    lineStart = len;
    inLine = true;
  }

  /** Ends the line being built with a line feed: from now on it may be written to the file. */
  void endLine() throws IOException {
    ensure(1);
    buf[len++] = '\n';
    inLine = false;
    lineStart = len;
  }

  /** How far into the current line the buffer is; stable while complete lines are written out. */
  int mark() {
    return len - lineStart;
  }

  /** Drops what the current line got after {@code mark}. */
  void rewind(int mark) {
    len = lineStart + mark;
  }

  /** Writes the complete lines buffered so far to the file. */
  void push() throws IOException {
    int complete = inLine ? lineStart : len;
    if (complete == 0) return;
    out.write(buf, 0, complete);
    System.arraycopy(buf, complete, buf, 0, len - complete);
    len -= complete;
    lineStart -= complete;
    if (!inLine && buf.length > 16 * INITIAL) buf = new byte[INITIAL]; // after one huge line
  }

  /** Writes the complete lines and closes the file. */
  void close() throws IOException {
    try (out) {
      push();
    }
  }

  private void ensure(int n) throws IOException {
    if (len + n <= buf.length) return;
    push();
    if (len + n > buf.length) {
      buf =
          Arrays.copyOf(
              buf,
              (int) Math.min(Integer.MAX_VALUE - 8, Math.max(len + (long) n, 2L * buf.length)));
    }
  }

  /** What the current line got since {@code mark}. */
  byte[] copy(int mark) {
    return Arrays.copyOfRange(buf, lineStart + mark, len);
  }

  /** Writes again what the current line got between {@code from} and {@code to} (marks). */
  void repeat(int from, int to) throws IOException {
    int n = to - from;
    ensure(n);
    System.arraycopy(buf, lineStart + from, buf, len, n);
    len += n;
  }

  void put(char ascii) throws IOException {
    ensure(1);
    buf[len++] = (byte) ascii;
  }

  void put(byte[] b) throws IOException {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /** Text known to need no escaping, such as a number's. */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) copies Latin-1 text directly
  private void putAscii(String s) throws IOException {
    int n = s.length();
    ensure(n);
    s.getBytes(0, n, buf, len);
    len += n;
  }

  // ---------------------------------------------------------------- JSON

  /** {@code "key":}, escaped as a string is. */
  void writeKey(String key) throws IOException, Unloggable {
    if (key.length() > Json.MAX_NAME_LENGTH) {
      throw new Unloggable(
          "a key of "
              + key.length()
              + " characters, more than the "
              + Json.MAX_NAME_LENGTH
              + " allowed");
    }
    writeString(key);
    put(':');
  }

  /**
   * A key cut to {@link Json#MAX_NAME_LENGTH}, for a member that must be written whatever it is.
   */
  void writeTruncatedKey(String key) throws IOException {
    writeTruncatedString(
        key.length() > Json.MAX_NAME_LENGTH
            ? key.substring(0, Json.MAX_NAME_LENGTH - 3) + "..."
            : key);
    put(':');
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

  /** A JSON string: quotes, backslashes and control characters escaped as Jackson escapes them. */
  void writeString(String s) throws IOException, Unloggable {
    int n = s.length();
    if (n > Json.MAX_STRING_LENGTH) {
      throw new Unloggable(
          "a string of " + n + " characters, more than the " + Json.MAX_STRING_LENGTH + " allowed");
    }
    ensure(n + 2);
    buf[len++] = '"';
    int i = 0;
    // Fast path: printable ASCII, one byte per character.
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
      buf[len++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        escape(c);
      } else if (c < 0x80) {
        put(c);
      } else if (c < 0x800) {
        ensure(2);
        buf[len++] = (byte) (0xc0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        // As Jackson writes characters outside the BMP: each half of the pair escaped. A lone
        // half, which Jackson refuses, is escaped too, valid JSON that reads back as it was.
        unicodeEscape(c);
      } else {
        ensure(3);
        buf[len++] = (byte) (0xe0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    put('"');
  }

  /** A string cut to {@link Json#MAX_STRING_LENGTH}, for what must be written whatever it is. */
  void writeTruncatedString(String s) throws IOException {
    try {
      writeString(s.length() > Json.MAX_STRING_LENGTH ? s.substring(0, Json.MAX_STRING_LENGTH) : s);
    } catch (Unloggable cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }

  private void escape(char c) throws IOException {
    char shortForm =
        switch (c) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '\n' -> 'n';
          case '\r' -> 'r';
          case '\t' -> 't';
          case '\b' -> 'b';
          case '\f' -> 'f';
          default -> 0;
        };
    if (shortForm != 0) {
      ensure(2);
      buf[len++] = '\\';
      buf[len++] = (byte) shortForm;
    } else {
      unicodeEscape(c);
    }
  }

  private void unicodeEscape(char c) throws IOException {
    ensure(6);
    buf[len++] = '\\';
    buf[len++] = 'u';
    buf[len++] = HEX[(c >> 12) & 0xf];
    buf[len++] = HEX[(c >> 8) & 0xf];
    buf[len++] = HEX[(c >> 4) & 0xf];
    buf[len++] = HEX[c & 0xf];
  }

  /**
   * Any value a result holds, at nesting depth {@code depth} (the line's own object is 1): what
   * JSON can hold as it is, anything else as its {@code toString()}, as Tune's {@code
   * SafeFallbackEncoder} does.
   */
  void writeValue(Object value, int depth) throws IOException, Unloggable {
    if (value instanceof Double d) {
      writeDouble(d);
    } else if (value instanceof String s) {
      writeString(s);
    } else if (value instanceof Long l) {
      writeLong(l);
    } else if (value instanceof Integer i) {
      writeLong(i);
    } else if (value instanceof Boolean b) {
      put(b ? TRUE : FALSE);
    } else if (value == null) {
      put(NULL);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(map, depth + 1);
    } else if (value instanceof Path path) {
      writeString(path.toUri().toString()); // as Jackson writes a Path (which is Iterable)
    } else if (value instanceof Iterable<?> list) {
      writeIterable(list, list.iterator(), depth + 1);
    } else if (value instanceof Number n) {
      writeNumber(n);
    } else if (value instanceof Character c) {
      writeString(String.valueOf(c));
    } else if (value instanceof Enum<?> e) {
      writeString(e.name());
    } else if (value instanceof byte[] b) {
      writeString(Base64.getEncoder().encodeToString(b));
    } else if (value instanceof char[] c) {
      writeString(new String(c));
    } else if (value instanceof Object[] a) {
      writeIterable(a, Arrays.asList(a).iterator(), depth + 1);
    } else if (value.getClass().isArray()) {
      writeArray(value, depth + 1);
    } else {
      writeString(describe(value));
    }
  }

  private void writeMap(Map<?, ?> map, int depth) throws IOException, Unloggable {
    requireDepth(depth, map);
    put('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) put(',');
      first = false;
      Object key = e.getKey();
      writeKey(key instanceof Enum<?> k ? k.name() : String.valueOf(key));
      writeValue(e.getValue(), depth);
    }
    put('}');
  }

  private void writeIterable(Object container, Iterator<?> it, int depth)
      throws IOException, Unloggable {
    requireDepth(depth, container);
    put('[');
    for (boolean first = true; it.hasNext(); first = false) {
      if (!first) put(',');
      writeValue(it.next(), depth);
    }
    put(']');
  }

  /** A primitive array other than byte[] and char[]: its elements. */
  private void writeArray(Object array, int depth) throws IOException, Unloggable {
    requireDepth(depth, array);
    put('[');
    int n = Array.getLength(array);
    for (int i = 0; i < n; i++) {
      if (i > 0) put(',');
      Object element = Array.get(array, i);
      if (element instanceof Float f) {
        putAscii(NumberOutput.toString(f, true));
      } else if (element instanceof Short || element instanceof Byte) {
        writeLong(((Number) element).longValue());
      } else {
        writeValue(element, depth);
      }
    }
    put(']');
  }

  private void writeNumber(Number n) throws IOException, Unloggable {
    String text;
    if (n instanceof Float f) {
      text = NumberOutput.toString(f, true);
    } else if (n instanceof Short || n instanceof Byte) {
      writeLong(n.longValue());
      return;
    } else if (n instanceof BigDecimal || n instanceof BigInteger) {
      text = n.toString();
    } else {
      // AtomicLong, LongAdder, a Number of the model's own: its text, when that is a JSON number.
      text = describe(n);
      if (!JSON_NUMBER.matcher(text).matches()) {
        writeString(text);
        return;
      }
    }
    if (text.length() > Json.MAX_NUMBER_LENGTH) {
      throw new Unloggable(
          "a number of "
              + text.length()
              + " digits, more than the "
              + Json.MAX_NUMBER_LENGTH
              + " allowed");
    }
    putAscii(text);
  }

  private static void requireDepth(int depth, Object container) throws Unloggable {
    if (depth > Json.MAX_NESTING_DEPTH) {
      throw new Unloggable(
          "a "
              + container.getClass().getName()
              + " nested more than "
              + Json.MAX_NESTING_DEPTH
              + " levels deep (or containing itself)");
    }
  }

  /** {@code toString()}, or why it cannot be had. */
  static String describe(Object value) throws Unloggable {
    try {
      return String.valueOf(value);
    } catch (RuntimeException | StackOverflowError e) {
      throw new Unloggable(
          "a " + value.getClass().getName() + " whose toString() threw " + e.getClass().getName());
    }
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }
}

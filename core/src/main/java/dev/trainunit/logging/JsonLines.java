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
final class JsonLines extends NumberText {

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

  private final OutputStream out;

  /** Where the line being built starts; equal to {@code len} between lines. */
  private int lineStart;

  /** Whether a line is being built. */
  private boolean inLine;

  JsonLines(OutputStream out) {
    this(out, INITIAL);
  }

  private JsonLines(OutputStream out, int capacity) {
    super(capacity);
    this.out = out;
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

  @Override
  void ensure(int n) throws IOException {
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
}

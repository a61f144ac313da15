package dev.trainunit.logging;

import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.internal.Json;
import dev.trainunit.internal.ResultFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes {@code result.json} (one JSON object per line, appended) and {@code params.json} (the
 * config), as Tune's {@code JsonLoggerCallback}.
 *
 * <p>A metric JSON cannot hold is written as its {@code toString()}, as Tune's logger does. One
 * that cannot be written at all (its {@code toString()} throws, it is nested deeper than {@link
 * Json#MAX_NESTING_DEPTH} or contains itself, a string or number beyond {@link Json}'s limits) is
 * written as a string saying why, {@code "unloggable: ..."}: the rest of the result is logged, and
 * every line stays one JSON object.
 *
 * <p>Results are buffered and pushed to the file system at most once a second, on {@link #flush()}
 * and on {@link #close()}, and only as whole lines: a process killed at any moment leaves no
 * partial line behind, as far as the file system completes a write. A partial last line found when
 * the file is opened (left by a crash mid-write) is removed, so that new results start on a line of
 * their own.
 */
final class JsonResultLogger implements ResultLogger {

  static final String RESULT_FILE = "result.json";
  static final String PARAMS_FILE = "params.json";
  private static final long FLUSH_INTERVAL_NANOS = 1_000_000_000L;

  private final JsonLines lines;
  private final Fields fields = new Fields();
  private long lastFlush = System.nanoTime();

  JsonResultLogger(Config config, Path logdir) throws IOException {
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(logdir.resolve(PARAMS_FILE).toFile(), config.asMap());
    Path file = logdir.resolve(RESULT_FILE);
    dropPartialLastLine(file);
    this.lines =
        new JsonLines(
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  @Override
  public void onResult(Result result) throws IOException {
    lines.beginLine();
    lines.put('{');
    fields.position = 0;
    fields.lastDoubleFrom = -1;
    try {
      result.forEachField(fields);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    lines.put('}');
    lines.endLine();
    long now = System.nanoTime();
    if (now - lastFlush > FLUSH_INTERVAL_NANOS) {
      lines.push();
      lastFlush = now;
    }
  }

  /**
   * Writes the members of one result's object. Results of one trial have the same keys in the same
   * order, most of them with the same (immutable) values from one result to the next: the trial id,
   * host, config, the date within a second. So what a member was written as is kept per position,
   * and copied when key and value are the very same objects again.
   */
  private final class Fields implements ResultFields {
    private static final int CACHED = 64;
    private final String[] keys = new String[CACHED];
    private final byte[][] keyBytes = new byte[CACHED][];
    private final Object[] values = new Object[CACHED];
    private final byte[][] valueBytes = new byte[CACHED][];
    int position;

    /** Where in the line the last unboxed double was written, -1 before the first; its bits. */
    int lastDoubleFrom;

    private int lastDoubleTo;
    private long lastDoubleBits;

    @Override
    public void field(String key, Object value) {
      try {
        int mark = begin(key);
        int i = position - 1;
        boolean again = i < CACHED && value != null && value == values[i];
        if (again && valueBytes[i] != null) {
          lines.put(valueBytes[i]);
          return;
        }
        int valueMark = lines.mark();
        try {
          lines.writeValue(value, 1);
        } catch (JsonLines.Unloggable e) {
          lines.rewind(mark);
          writeUnloggable(key, e.getMessage());
          return;
        } catch (RuntimeException | StackOverflowError e) {
          // A map changed while it was written, a key whose toString() throws, ...
          lines.rewind(mark);
          writeUnloggable(key, "writing it threw " + e);
          return;
        }
        // Strings are immutable, and so is the config's map: what was written for one can be
        // copied when it comes again, kept once the same one has come twice.
        if (i < CACHED && (value instanceof String || Result.CONFIG.equals(key))) {
          if (again) {
            valueBytes[i] = lines.copy(valueMark);
          } else {
            values[i] = value;
            valueBytes[i] = null;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void field(String key, long value) {
      try {
        begin(key);
        lines.writeLong(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void field(String key, double value) {
      try {
        begin(key);
        // time_since_restore is time_total_s until a restore: written once, copied.
        long bits = Double.doubleToRawLongBits(value);
        if (lastDoubleFrom >= 0 && bits == lastDoubleBits) {
          lines.repeat(lastDoubleFrom, lastDoubleTo);
          return;
        }
        int from = lines.mark();
        lines.writeDouble(value);
        lastDoubleBits = bits;
        lastDoubleFrom = from;
        lastDoubleTo = lines.mark();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Writes the separator and {@code "key":}; returns the mark before the key. */
    private int begin(String key) throws IOException {
      int i = position++;
      if (i > 0) lines.put(',');
      int mark = lines.mark();
      if (i < CACHED && key == keys[i]) {
        lines.put(keyBytes[i]);
        return mark;
      }
      try {
        lines.writeKey(key);
      } catch (JsonLines.Unloggable e) {
        lines.rewind(mark);
        lines.writeTruncatedKey(key);
        return mark;
      }
      if (i < CACHED) {
        keys[i] = key;
        keyBytes[i] = lines.copy(mark);
        values[i] = null;
      }
      return mark;
    }
  }

  private void writeUnloggable(String key, String reason) throws IOException {
    lines.writeTruncatedKey(String.valueOf(key));
    lines.writeTruncatedString("unloggable: " + reason);
  }

  @Override
  public void flush() throws IOException {
    lines.push();
    lastFlush = System.nanoTime();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  /**
   * Removes what follows the last line feed of {@code file}: a line a killed process left half
   * written, which the next result would otherwise continue.
   */
  static void dropPartialLastLine(Path file) throws IOException {
    if (!Files.exists(file)) return;
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = ch.size();
      ByteBuffer chunk = ByteBuffer.allocate(8192);
      for (long pos = end; pos > 0; ) {
        int n = (int) Math.min(chunk.capacity(), pos);
        pos -= n;
        chunk.clear().limit(n);
        while (chunk.hasRemaining() && ch.read(chunk, pos + chunk.position()) >= 0) {}
        for (int i = n - 1; i >= 0; i--) {
          if (chunk.get(i) == '\n') {
            long keep = pos + i + 1;
            if (keep < end) ch.truncate(keep);
            return;
          }
        }
      }
      ch.truncate(0);
    }
  }
}

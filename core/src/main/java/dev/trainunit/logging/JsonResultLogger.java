package dev.trainunit.logging;

import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;

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
  private final BiConsumer<String, Object> fieldWriter = this::writeField;
  private boolean firstField;
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
    firstField = true;
    try {
      result.forEach(fieldWriter);
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
   * One member of the result's object. A value that cannot be written is replaced, before any byte
   * of the line reaches the file, by a string saying why.
   */
  private void writeField(String key, Object value) {
    try {
      if (!firstField) lines.put(',');
      firstField = false;
      int mark = lines.mark();
      try {
        lines.writeKey(key);
        lines.writeValue(value, 1);
      } catch (JsonLines.Unloggable e) {
        lines.rewind(mark);
        writeUnloggable(key, e.getMessage());
      } catch (RuntimeException | StackOverflowError e) {
        // A map changed while it was written, a key whose toString() throws, ...
        lines.rewind(mark);
        writeUnloggable(key, "writing it threw " + e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeUnloggable(String key, String reason) throws IOException {
    lines.writeTruncatedString(String.valueOf(key));
    lines.put(':');
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

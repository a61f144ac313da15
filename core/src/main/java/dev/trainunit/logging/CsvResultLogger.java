package dev.trainunit.logging;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code progress.csv} as Tune's {@code CSVLoggerCallback}: {@code config} left out, nested
 * metrics flattened with {@code /}, the columns fixed by the first result (keys that appear later
 * are dropped, missing ones left empty), appending to an existing file under its header, which is
 * read back as CSV (a column name may hold a line feed, quoted).
 *
 * <p>A metric that cannot be written (see {@link JsonResultLogger}) is written as a cell saying
 * why, so that no row is lost. Rows are pushed to the file system as {@code result.json}'s lines
 * are: whole, at most once a second, on {@link #flush()} and on {@link #close()}; a partial last
 * row found when the file is opened is removed.
 */
final class CsvResultLogger implements ResultLogger {

  static final String PROGRESS_FILE = "progress.csv";
  private static final CsvMapper CSV = new CsvMapper();
  private static final long FLUSH_INTERVAL_NANOS = 1_000_000_000L;

  private final OutputStream out;
  private List<String> columns;
  private ObjectWriter rows;
  private final StringBuilder pending = new StringBuilder();
  private long lastFlush = System.nanoTime();

  CsvResultLogger(Config config, Path logdir) throws IOException {
    Path file = logdir.resolve(PROGRESS_FILE);
    dropPartialLastRow(file);
    this.columns = existingHeader(file);
    this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static List<String> existingHeader(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) return null;
    try (MappingIterator<List<String>> records =
        CSV.readerFor(List.class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(file.toFile())) {
      return records.hasNext() ? records.next() : null;
    }
  }

  @Override
  public void onResult(Result result) throws IOException {
    Map<String, Object> flat = new LinkedHashMap<>();
    result.forEach(
        (key, value) -> {
          if (!Result.CONFIG.equals(key)) flattenSafely(key, value, flat);
        });
    ObjectWriter writer = rows;
    if (writer == null) {
      boolean newFile = columns == null;
      if (newFile) columns = new ArrayList<>(flat.keySet());
      CsvSchema.Builder schema = CsvSchema.builder();
      columns.forEach(schema::addColumn);
      rows = CSV.writer(schema.build().withoutHeader());
      writer = newFile ? CSV.writer(schema.build().withHeader()) : rows;
    }
    List<Object> row = new ArrayList<>(columns.size());
    for (String column : columns) row.add(flat.get(column));
    pending.append(writer.writeValueAsString(row));
    long now = System.nanoTime();
    if (now - lastFlush > FLUSH_INTERVAL_NANOS) {
      flush();
      lastFlush = now;
    }
  }

  /** Flattens one metric; one that cannot be written becomes a cell saying why. */
  private static void flattenSafely(String key, Object value, Map<String, Object> into) {
    try {
      flatten(key, value, into, 1);
    } catch (JsonLines.Unloggable e) {
      into.put(key, "unloggable: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      into.put(key, "unloggable: writing it threw " + e);
    }
  }

  private static void flatten(String prefix, Object value, Map<String, Object> into, int depth)
      throws JsonLines.Unloggable {
    if (value instanceof Map<?, ?> map) {
      if (depth >= Json.MAX_NESTING_DEPTH) {
        throw new JsonLines.Unloggable(
            "a map nested more than "
                + Json.MAX_NESTING_DEPTH
                + " levels deep (or containing itself)");
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        flatten(prefix + "/" + e.getKey(), e.getValue(), into, depth + 1);
      }
    } else if (value == null
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof String) {
      into.put(prefix, value);
    } else if (value instanceof Iterable<?> && !(value instanceof Path)
        || value.getClass().isArray()
        || value instanceof Character
        || value instanceof Enum<?>) {
      // Lists as JSON text, as result.json has them.
      into.put(prefix, JsonLines.toJson(value, depth));
    } else {
      // Anything JSON cannot hold as its string form, as Tune does.
      into.put(prefix, JsonLines.describe(value));
    }
  }

  /** Pushes the complete rows to the file system in one write. */
  @Override
  public void flush() throws IOException {
    if (pending.length() == 0) return;
    byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    pending.setLength(0);
    if (pending.capacity() > 1024 * 1024) pending.trimToSize();
  }

  @Override
  public void close() throws IOException {
    try (out) {
      flush();
    }
  }

  /**
   * Removes what follows the last complete row of {@code file}, a row a killed process left half
   * written. Rows end with a line feed outside quotes; a quoted cell may hold one, so the file is
   * read from the start, which is done only when it does not end with a line feed.
   */
  static void dropPartialLastRow(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) return;
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, size - 1);
      if (last.get(0) == '\n') return;
      long keep = 0;
      boolean quoted = false;
      try (InputStream in = Files.newInputStream(file)) {
        byte[] chunk = new byte[64 * 1024];
        long offset = 0;
        for (int n; (n = in.read(chunk)) > 0; offset += n) {
          for (int i = 0; i < n; i++) {
            if (chunk[i] == '"') quoted = !quoted;
            else if (chunk[i] == '\n' && !quoted) keep = offset + i + 1;
          }
        }
      }
      ch.truncate(keep);
    }
  }
}

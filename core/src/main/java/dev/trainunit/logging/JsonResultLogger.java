package dev.trainunit.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.internal.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;

/**
 * Writes {@code result.json} (one JSON object per line, appended) and {@code params.json} (the
 * config), as Tune's {@code JsonLoggerCallback}.
 *
 * <p>A metric JSON cannot hold is written as its {@code toString()}, as Tune's logger does.
 *
 * <p>Results are buffered and pushed to the file system at most once a second, on
 * {@link #flush()} and on {@link #close()}: a write system call per result would cost more than
 * a short step.
 */
public final class JsonResultLogger implements ResultLogger {

  public static final String RESULT_FILE = "result.json";
  public static final String PARAMS_FILE = "params.json";
  private static final long FLUSH_INTERVAL_NANOS = 1_000_000_000L;

  private final Path file;
  private final JsonGenerator generator;
  private final BiConsumer<String, Object> fieldWriter = this::writeField;
  private long lastFlush = System.nanoTime();

  public JsonResultLogger(Config config, Path logdir) throws IOException {
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(logdir.resolve(PARAMS_FILE).toFile(), config.asMap());
    this.file = logdir.resolve(RESULT_FILE);
    OutputStream out = new BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 16 * 1024);
    this.generator = Json.MAPPER.getFactory().createGenerator(out);
    generator.setRootValueSeparator(null);
  }

  @Override
  public void onResult(Result result) throws IOException {
    generator.writeStartObject();
    try {
      result.forEach(fieldWriter);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    generator.writeEndObject();
    generator.writeRaw('\n');
    long now = System.nanoTime();
    if (now - lastFlush > FLUSH_INTERVAL_NANOS) {
      generator.flush();
      lastFlush = now;
    }
  }

  private void writeField(String key, Object value) {
    try {
      generator.writeFieldName(key);
      if (value instanceof Double d) {
        generator.writeNumber(d);
      } else if (value instanceof Long l) {
        generator.writeNumber(l);
      } else if (value instanceof Integer i) {
        generator.writeNumber(i);
      } else if (value instanceof String s) {
        generator.writeString(s);
      } else if (value instanceof Boolean b) {
        generator.writeBoolean(b);
      } else if (Json.findUnserialisable(key, value) == null) {
        generator.writeObject(value);
      } else {
        // As Tune's SafeFallbackEncoder: a value JSON cannot hold is logged as its string form rather
        // than losing the whole result; the engine's lifecycle check reports such metrics.
        generator.writeString(String.valueOf(value));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void flush() throws IOException {
    generator.flush();
    lastFlush = System.nanoTime();
  }

  @Override
  public void close() throws IOException {
    generator.close();
  }
}

package dev.trainunit.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
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
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes {@code result.json} (one JSON object per line, appended) and {@code params.json} (the
 * config), as Tune's {@code JsonLoggerCallback}.
 *
 * <p>A metric JSON cannot hold is written as its {@code toString()}, as Tune's logger does.
 *
 * <p>Results are buffered and pushed to the file system at most once a second, on {@link #flush()}
 * and on {@link #close()}: a write system call per result would cost more than a short step.
 */
final class JsonResultLogger implements ResultLogger {

  static final String RESULT_FILE = "result.json";
  static final String PARAMS_FILE = "params.json";
  private static final long FLUSH_INTERVAL_NANOS = 1_000_000_000L;

  private final Path file;
  private final JsonGenerator generator;
  private final BiConsumer<String, Object> fieldWriter = this::writeField;
  private long lastFlush = System.nanoTime();

  JsonResultLogger(Config config, Path logdir) throws IOException {
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(logdir.resolve(PARAMS_FILE).toFile(), config.asMap());
    this.file = logdir.resolve(RESULT_FILE);
    OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            16 * 1024);
    this.generator = Json.MAPPER.getFactory().createGenerator(out);
    generator.setRootValueSeparator(null);
    // JDK 17's Double.toString costs ~150 ns and allocates per call, and a result holds several
    // doubles (time_this_iter_s, time_total_s, time_since_restore, the step's metrics). Jackson's
    // Schubfach writer gives the shortest text that reads back as the same double, in the same
    // notation, several times faster (OverheadBenchmark, loggers=json).
    generator.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
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
      writeValue(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the JSON-shaped values a result holds straight to the generator, maps and lists included
   * (every result carries the config map). Going through {@code writeObject} would run
   * ObjectMapper's serializer lookup once per value and result, about a microsecond each; anything
   * else still goes through it, so the text is the same as ObjectMapper would write.
   */
  private void writeValue(Object value) throws IOException {
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
    } else if (value == null) {
      generator.writeNull();
    } else if (value instanceof Map<?, ?> map && hasStringKeys(map)) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        generator.writeFieldName((String) e.getKey());
        writeValue(e.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object element : list) writeValue(element);
      generator.writeEndArray();
    } else if (Json.findUnserialisable("", value) == null) {
      generator.writeObject(value);
    } else {
      // As Tune's SafeFallbackEncoder: a value JSON cannot hold is logged as its string form rather
      // than losing the whole result; the engine's lifecycle check reports such metrics.
      generator.writeString(String.valueOf(value));
    }
  }

  private static boolean hasStringKeys(Map<?, ?> map) {
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) return false;
    }
    return true;
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

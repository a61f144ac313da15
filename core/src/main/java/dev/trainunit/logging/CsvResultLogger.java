package dev.trainunit.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
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
 * are dropped, missing ones left empty), appending to an existing file under its header.
 */
final class CsvResultLogger implements ResultLogger {

  static final String PROGRESS_FILE = "progress.csv";
  private static final CsvMapper CSV = new CsvMapper();

  private final Path file;
  private final Writer out;
  private List<String> columns;
  private SequenceWriter rows;

  CsvResultLogger(Config config, Path logdir) throws IOException {
    this.file = logdir.resolve(PROGRESS_FILE);
    this.columns = existingHeader(file);
    this.out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static List<String> existingHeader(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) return null;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      return header == null
          ? null
          : CSV.readerFor(List.class).with(CsvSchema.emptySchema()).<List<String>>readValue(header);
    }
  }

  @Override
  public void onResult(Result result) throws IOException {
    Map<String, Object> flat = new LinkedHashMap<>();
    result.forEach(
        (key, value) -> {
          if (!Result.CONFIG.equals(key)) flatten(key, value, flat);
        });
    if (rows == null) {
      boolean newFile = columns == null;
      if (newFile) columns = new ArrayList<>(flat.keySet());
      CsvSchema.Builder schema = CsvSchema.builder();
      columns.forEach(schema::addColumn);
      rows =
          CSV.writer(newFile ? schema.build().withHeader() : schema.build().withoutHeader())
              .writeValues(out);
    }
    List<Object> row = new ArrayList<>(columns.size());
    for (String column : columns) row.add(flat.get(column));
    rows.write(row);
  }

  private static void flatten(String prefix, Object value, Map<String, Object> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix + "/" + k, v, into));
    } else if (value == null
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof String) {
      into.put(prefix, value);
    } else {
      // Lists and maps as JSON text; anything JSON cannot hold as its string form, as Tune does.
      into.put(
          prefix,
          Json.findUnserialisable(prefix, value) == null ? toJson(value) : String.valueOf(value));
    }
  }

  private static String toJson(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON-shaped value failed to serialise: " + value, e);
    }
  }

  @Override
  public void flush() throws IOException {
    if (rows != null) rows.flush();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      if (rows != null) rows.close();
    } finally {
      out.close();
    }
  }
}

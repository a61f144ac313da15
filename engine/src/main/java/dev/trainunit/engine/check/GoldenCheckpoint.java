package dev.trainunit.engine.check;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainunit.CheckpointMetadata;
import dev.trainunit.Config;
import dev.trainunit.internal.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;

/**
 * One config's golden checkpoint, in the layout meant to be committed: {@code golden.json} (which
 * trainable, config, iteration and TrainUnit checkpoint format made it), {@code checkpoint/} (the
 * checkpoint as the framework wrote it) and {@code continuation.jsonl} (the comparable metrics of
 * the iterations after it, one result a line).
 *
 * @param dir the config's directory, {@code <golden>/config-<n>}
 * @param trainable the trainable class that recorded it, for the reader
 * @param config the config it was recorded under
 * @param iteration the iteration the checkpoint was taken at
 * @param format the TrainUnit checkpoint format it was written in
 * @param continuation the recorded continuation
 */
record GoldenCheckpoint(
    Path dir,
    String trainable,
    Config config,
    long iteration,
    int format,
    List<Map<String, Object>> continuation) {

  static final String MANIFEST = "golden.json";
  static final String CHECKPOINT = "checkpoint";
  static final String CONTINUATION = "continuation.jsonl";

  /** The checkpoint directory inside {@link #dir()}. */
  Path checkpoint() {
    return dir.resolve(CHECKPOINT);
  }

  /** Whether {@code dir} holds a golden checkpoint (its manifest). */
  static boolean existsIn(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  /** Replaces whatever {@code dir} held by this golden checkpoint, copied from {@code source}. */
  static GoldenCheckpoint write(
      Path dir,
      String trainable,
      Config config,
      long iteration,
      Path source,
      List<Map<String, Object>> continuation) {
    try {
      if (Files.exists(dir)) PathUtils.deleteDirectory(dir);
      Files.createDirectories(dir);
      PathUtils.copyDirectory(source, dir.resolve(CHECKPOINT));
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put(
          "about",
          "golden checkpoint of TrainUnit's checkpoint-compat check; re-record"
              + " with -Dtrainunit.golden.record=true");
      manifest.put("trainable", trainable);
      manifest.put("config", config.asMap());
      manifest.put("iteration", iteration);
      manifest.put("format", CheckpointMetadata.FORMAT_VERSION);
      Json.MAPPER
          .writerWithDefaultPrettyPrinter()
          .writeValue(dir.resolve(MANIFEST).toFile(), manifest);
      try (BufferedWriter out =
          Files.newBufferedWriter(dir.resolve(CONTINUATION), StandardCharsets.UTF_8)) {
        for (Map<String, Object> result : continuation) {
          out.write(Json.MAPPER.writeValueAsString(result));
          out.newLine();
        }
      }
      return read(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the golden checkpoint in " + dir, e);
    }
  }

  /** Reads the golden checkpoint in {@code dir}, naming the file at fault when it cannot. */
  static GoldenCheckpoint read(Path dir) {
    Path manifestFile = dir.resolve(MANIFEST);
    Path continuationFile = dir.resolve(CONTINUATION);
    try {
      Map<String, Object> manifest =
          Json.MAPPER.readValue(manifestFile.toFile(), new TypeReference<Map<String, Object>>() {});
      List<Map<String, Object>> continuation = new ArrayList<>();
      for (String line : Files.readAllLines(continuationFile, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          continuation.add(
              Json.MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {}));
        }
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> config = (Map<String, Object>) manifest.get("config");
      return new GoldenCheckpoint(
          dir,
          String.valueOf(manifest.get("trainable")),
          Config.of(config),
          ((Number) manifest.get("iteration")).longValue(),
          ((Number) manifest.get("format")).intValue(),
          continuation);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "the golden checkpoint in "
              + dir
              + " cannot be read ("
              + manifestFile.getFileName()
              + ", "
              + continuationFile.getFileName()
              + "): "
              + e
              + "; re-record it with -Dtrainunit.golden.record=true",
          e);
    }
  }
}

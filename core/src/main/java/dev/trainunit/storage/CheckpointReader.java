package dev.trainunit.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.CheckpointMetadata;
import dev.trainunit.JsonMap;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a checkpoint back and refuses one it cannot trust: a missing directory or metadata file,
 * damaged JSON, an unknown format version, a manifest naming paths outside the directory, a file
 * missing, added, resized or (with checksums on) changed since {@code save()}, or a symbolic link
 * anywhere inside. Each refusal is a {@link CheckpointException} naming the path and the problem.
 *
 * <p>Nothing outside the checkpoint directory is opened, and nothing is allocated from a size
 * the checkpoint declares: sizes are compared with what the file system reports.
 */
public final class CheckpointReader {

  /** Larger metadata than this is refused rather than parsed: it is not one TrainUnit wrote. */
  static final long MAX_METADATA_BYTES = 16L * 1024 * 1024;

  private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE = new TypeReference<>() {};

  private final boolean verifyChecksums;

  public CheckpointReader(boolean verifyChecksums) {
    this.verifyChecksums = verifyChecksums;
  }

  public Checkpoint read(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new CheckpointException(dir, "does not exist");
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new CheckpointException(dir, "is not a directory (a checkpoint is a directory written by save())");
    }
    Path metadataFile = dir.resolve(CheckpointFiles.METADATA);
    JsonNode json = readMetadataJson(dir, metadataFile);
    CheckpointMetadata metadata = parseMetadata(metadataFile, json);
    Map<String, Manifest.Entry> declared = parseManifest(metadataFile, json.get("files"));
    verifyFiles(dir, declared);
    boolean hasData = json.path("has_data").asBoolean(false);
    JsonMap data = hasData ? readData(dir, declared) : null;
    return new Checkpoint(dir, metadata, data);
  }

  /** The newest checkpoint under {@code trialDir} that reads back complete, if any. */
  public Optional<Checkpoint> latest(Path trialDir) {
    if (!Files.isDirectory(trialDir)) return Optional.empty();
    try (Stream<Path> entries = Files.list(trialDir)) {
      Iterator<Path> newestFirst = entries
          .filter(p -> CheckpointFiles.indexOf(p) >= 0)
          .sorted((a, b) -> Long.compare(CheckpointFiles.indexOf(b), CheckpointFiles.indexOf(a)))
          .iterator();
      while (newestFirst.hasNext()) {
        Path candidate = newestFirst.next();
        try {
          return Optional.of(read(candidate));
        } catch (CheckpointException skipped) {
          // A damaged newer checkpoint must not hide an intact older one.
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new CheckpointException(trialDir, "cannot list checkpoints: " + e, e);
    }
  }

  private static JsonNode readMetadataJson(Path dir, Path metadataFile) {
    try {
      if (!Files.isRegularFile(metadataFile, LinkOption.NOFOLLOW_LINKS)) {
        throw new CheckpointException(metadataFile,
            "metadata file is missing; the directory is not a complete checkpoint written by save()");
      }
      long size = Files.size(metadataFile);
      if (size > MAX_METADATA_BYTES) {
        throw new CheckpointException(metadataFile, "metadata file is " + size + " bytes, more than the "
            + MAX_METADATA_BYTES + " TrainUnit ever writes; refusing to parse it");
      }
      try (InputStream in = Files.newInputStream(metadataFile, LinkOption.NOFOLLOW_LINKS)) {
        JsonNode node = Json.MAPPER.readTree(in);
        if (node == null || !node.isObject()) {
          throw new CheckpointException(metadataFile, "metadata is not a JSON object (the file is empty or truncated)");
        }
        return node;
      }
    } catch (JsonProcessingException e) {
      throw new CheckpointException(metadataFile, "metadata is damaged: " + Json.describe(e), e);
    } catch (IOException e) {
      throw new CheckpointException(metadataFile, "metadata cannot be read: " + e, e);
    }
  }

  private static CheckpointMetadata parseMetadata(Path file, JsonNode json) {
    JsonNode version = json.get("format_version");
    if (version == null || !version.isInt()) {
      throw new CheckpointException(file, "metadata has no integer format_version");
    }
    if (version.intValue() != CheckpointMetadata.FORMAT_VERSION) {
      throw new CheckpointException(file, "format version " + version.intValue()
          + " is not supported; this TrainUnit reads version " + CheckpointMetadata.FORMAT_VERSION);
    }
    long iteration = requireLong(file, json, "iteration");
    if (iteration < 0) throw new CheckpointException(file, "metadata iteration is negative: " + iteration);
    JsonNode time = json.get("time_total_s");
    if (time == null || !time.isNumber() || !(time.doubleValue() >= 0)) {
      throw new CheckpointException(file, "metadata time_total_s is missing or not a non-negative number");
    }
    JsonNode last = json.get("last_result");
    if (last == null || !last.isObject()) {
      throw new CheckpointException(file, "metadata last_result is missing or not an object");
    }
    return new CheckpointMetadata(version.intValue(), iteration, time.doubleValue(),
        optionalLong(file, json, "timesteps_total"), optionalLong(file, json, "episodes_total"),
        Json.MAPPER.convertValue(last, MAP_TYPE));
  }

  private static long requireLong(Path file, JsonNode json, String key) {
    JsonNode node = json.get(key);
    if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
      throw new CheckpointException(file, "metadata " + key + " is missing or not an integer");
    }
    return node.longValue();
  }

  private static Long optionalLong(Path file, JsonNode json, String key) {
    JsonNode node = json.get(key);
    if (node == null || node.isNull()) return null;
    return requireLong(file, json, key);
  }

  private static Map<String, Manifest.Entry> parseManifest(Path file, JsonNode files) {
    if (files == null || !files.isObject()) {
      throw new CheckpointException(file, "metadata has no files manifest");
    }
    Map<String, Manifest.Entry> declared = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      requireInside(file, name);
      JsonNode size = e.getValue().get("size");
      if (size == null || !size.canConvertToExactIntegral() || !size.canConvertToLong() || size.longValue() < 0) {
        throw new CheckpointException(file, "manifest entry " + name + " has no valid size");
      }
      JsonNode crc = e.getValue().get("crc32c");
      declared.put(name, new Manifest.Entry(size.longValue(), crc == null ? null : crc.asText()));
    }
    return declared;
  }

  /** Refuses a name that could resolve outside the checkpoint directory. */
  private static void requireInside(Path file, String name) {
    boolean escapes = name.isEmpty()
        || name.startsWith("/")
        || name.startsWith("\\")
        || name.contains("\\")
        || name.contains("\0")
        || (name.length() > 1 && name.charAt(1) == ':');
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals("..") || part.equals(".")) escapes = true;
    }
    if (escapes || name.equals(CheckpointFiles.METADATA)) {
      throw new CheckpointException(file, "manifest names '" + name
          + "', which is not a plain path inside the checkpoint directory; refusing the checkpoint");
    }
  }

  private void verifyFiles(Path dir, Map<String, Manifest.Entry> declared) {
    Map<String, Manifest.Entry> actual;
    try {
      actual = Manifest.of(dir, false);
    } catch (IOException e) {
      throw new CheckpointException(dir, "cannot be trusted: " + e.getMessage(), e);
    }
    for (Map.Entry<String, Manifest.Entry> e : declared.entrySet()) {
      Manifest.Entry found = actual.get(e.getKey());
      Path file = dir.resolve(e.getKey());
      if (found == null) {
        throw new CheckpointException(file, "is listed in the manifest but missing; the checkpoint is incomplete");
      }
      if (found.size() != e.getValue().size()) {
        throw new CheckpointException(file, "is " + found.size() + " bytes but was saved with "
            + e.getValue().size() + " bytes; the file is truncated or was changed");
      }
      if (verifyChecksums && e.getValue().crc32c() != null) {
        String crc;
        try {
          crc = Manifest.crc32c(file);
        } catch (IOException ex) {
          throw new CheckpointException(file, "cannot be read: " + ex, ex);
        }
        if (!crc.equals(e.getValue().crc32c())) {
          throw new CheckpointException(file, "has CRC32C " + crc + " but was saved with "
              + e.getValue().crc32c() + "; the file is damaged or was changed");
        }
      }
    }
    for (String name : actual.keySet()) {
      if (!declared.containsKey(name)) {
        throw new CheckpointException(dir.resolve(name), "is not listed in the manifest; the checkpoint was changed after save()");
      }
    }
  }

  private static JsonMap readData(Path dir, Map<String, Manifest.Entry> declared) {
    Path file = dir.resolve(CheckpointFiles.DATA);
    if (!declared.containsKey(CheckpointFiles.DATA)) {
      throw new CheckpointException(file, "metadata says the checkpoint holds a map, but the manifest does not list it");
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return JsonMap.of(Json.MAPPER.readValue(in, MAP_TYPE));
    } catch (JsonProcessingException e) {
      throw new CheckpointException(file, "checkpoint data is damaged: " + Json.describe(e), e);
    } catch (IOException e) {
      throw new CheckpointException(file, "checkpoint data cannot be read: " + e, e);
    }
  }
}

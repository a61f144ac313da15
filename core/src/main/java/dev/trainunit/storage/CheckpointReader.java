package dev.trainunit.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.CheckpointMetadata;
import dev.trainunit.JsonMap;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
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

  /** The members of format version 1's metadata, besides its own checksum. */
  private static final Set<String> REQUIRED_KEYS = Set.of("format_version", "iteration", "time_total_s",
      "timesteps_total", "episodes_total", "last_result", "has_data", "files");

  private static final Pattern CRC_TEXT = Pattern.compile("[0-9a-f]{8}");

  /**
   * Duplicate keys are refused: with "last one wins", a second {@code files} or
   * {@code iteration} member could override what the first one said.
   */
  private static final ObjectReader METADATA_READER =
      Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

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
    byte[] bytes = readMetadataBytes(metadataFile);
    JsonNode json = parseMetadataJson(metadataFile, bytes);
    verifyMetadataChecksum(metadataFile, bytes, json);
    CheckpointMetadata metadata = parseMetadata(metadataFile, json);
    Map<String, Manifest.Entry> declared = parseManifest(metadataFile, json.get("files"));
    verifyFiles(dir, declared);
    boolean hasData = json.get("has_data").booleanValue();
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

  private static byte[] readMetadataBytes(Path metadataFile) {
    try {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(metadataFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw new CheckpointException(metadataFile,
            "metadata file is missing; the directory is not a complete checkpoint written by save()");
      }
      if (!attrs.isRegularFile()) {
        // Never opened: a link could point anywhere, and opening a FIFO would block forever.
        throw new CheckpointException(metadataFile, "metadata is not a regular file (a directory, symbolic link or "
            + "special file); the directory is not a complete checkpoint written by save()");
      }
      if (attrs.size() > MAX_METADATA_BYTES) {
        throw new CheckpointException(metadataFile, "metadata file is " + attrs.size() + " bytes, more than the "
            + MAX_METADATA_BYTES + " TrainUnit ever writes; refusing to parse it");
      }
      try (InputStream in = Files.newInputStream(metadataFile, LinkOption.NOFOLLOW_LINKS)) {
        // Bounded even if the file grows between the size check and the read.
        byte[] bytes = in.readNBytes((int) MAX_METADATA_BYTES + 1);
        if (bytes.length > MAX_METADATA_BYTES) {
          throw new CheckpointException(metadataFile, "metadata file grew past " + MAX_METADATA_BYTES
              + " bytes while it was read; refusing to parse it");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new CheckpointException(metadataFile, "metadata cannot be read: " + e, e);
    }
  }

  private static JsonNode parseMetadataJson(Path metadataFile, byte[] bytes) {
    try {
      JsonNode node = METADATA_READER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new CheckpointException(metadataFile, "metadata is not a JSON object (the file is empty or truncated)");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CheckpointException(metadataFile, "metadata is damaged: " + Json.describe(e), e);
    } catch (IOException e) {
      throw new CheckpointException(metadataFile, "metadata cannot be read: " + e, e);
    }
  }

  /**
   * Checks the metadata's own CRC32C, which save() writes as the last member. Metadata without
   * one (written by hand, or by an older TrainUnit) is accepted on its structure alone: damage
   * cannot remove the member without also breaking the JSON or leaving an unknown key.
   */
  private static void verifyMetadataChecksum(Path metadataFile, byte[] bytes, JsonNode json) {
    if (!json.has(CheckpointFiles.METADATA_CHECKSUM)) return;
    byte[] prefix = (",\"" + CheckpointFiles.METADATA_CHECKSUM + "\":\"").getBytes(StandardCharsets.US_ASCII);
    int trailerLength = prefix.length + 8 + 2;
    int at = bytes.length - trailerLength;
    boolean wellPlaced = at > 0
        && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length)
        && bytes[bytes.length - 2] == '"' && bytes[bytes.length - 1] == '}';
    String stored = wellPlaced ? new String(bytes, at + prefix.length, 8, StandardCharsets.US_ASCII) : null;
    if (stored == null || !CRC_TEXT.matcher(stored).matches()) {
      throw new CheckpointException(metadataFile, CheckpointFiles.METADATA_CHECKSUM
          + " is not the 8-hex-digit last member save() writes; the metadata was damaged or edited after save()");
    }
    byte[] body = Arrays.copyOf(bytes, at + 1);
    body[at] = '}';
    String actual = Manifest.crc32c(body);
    if (!actual.equals(stored)) {
      throw new CheckpointException(metadataFile, "metadata has CRC32C " + actual + " but was saved with " + stored
          + "; the metadata is damaged or was edited after save()");
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
    // Format version 1 has exactly these members. A missing one used to fall back to a default
    // (has_data: false silently dropped the stored map) and an unknown one was ignored.
    for (String key : REQUIRED_KEYS) {
      if (!json.has(key)) {
        throw new CheckpointException(file, "metadata has no " + key + "; save() always writes it");
      }
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!REQUIRED_KEYS.contains(key) && !key.equals(CheckpointFiles.METADATA_CHECKSUM)) {
        throw new CheckpointException(file, "metadata has an unknown key '" + key + "'; format version "
            + CheckpointMetadata.FORMAT_VERSION + " has only " + REQUIRED_KEYS);
      }
    }
    long iteration = requireLong(file, json, "iteration");
    if (iteration < 0) throw new CheckpointException(file, "metadata iteration is negative: " + iteration);
    JsonNode time = json.get("time_total_s");
    if (time == null || !time.isNumber() || !(time.doubleValue() >= 0) || Double.isInfinite(time.doubleValue())) {
      throw new CheckpointException(file, "metadata time_total_s is missing or not a finite non-negative number");
    }
    JsonNode last = json.get("last_result");
    if (last == null || !last.isObject()) {
      throw new CheckpointException(file, "metadata last_result is missing or not an object");
    }
    if (!json.get("has_data").isBoolean()) {
      throw new CheckpointException(file, "metadata has_data is not true or false");
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
      JsonNode entry = e.getValue();
      if (!entry.isObject()) {
        throw new CheckpointException(file, "manifest entry " + name + " is not an object with a size");
      }
      for (Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!key.equals("size") && !key.equals("crc32c")) {
          throw new CheckpointException(file, "manifest entry " + name + " has an unknown key '" + key + "'");
        }
      }
      JsonNode size = entry.get("size");
      if (size == null || !size.canConvertToExactIntegral() || !size.canConvertToLong() || size.longValue() < 0) {
        throw new CheckpointException(file, "manifest entry " + name + " has no valid size");
      }
      JsonNode crc = entry.get("crc32c");
      if (crc != null && !(crc.isTextual() && CRC_TEXT.matcher(crc.textValue()).matches())) {
        // asText() of a number or object used to be compared as if it were a checksum.
        throw new CheckpointException(file, "manifest entry " + name + " has a crc32c that is not 8 hex digits");
      }
      declared.put(name, new Manifest.Entry(size.longValue(), crc == null ? null : crc.textValue()));
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

  /**
   * Compares the directory with the manifest. The walk stops at the first file the manifest does
   * not list (it used to collect every file first, so a directory stuffed with millions of files
   * cost memory in proportion), never follows a link, and never opens anything but the regular
   * files it found inside {@code dir} under a name the manifest declares.
   */
  private void verifyFiles(Path dir, Map<String, Manifest.Entry> declared) {
    Set<String> seen = new HashSet<>();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
            throw new CheckpointException(file, "is not a regular file (a symbolic link or special file); "
                + "a checkpoint holds only plain files and directories, refusing the checkpoint");
          }
          String name = Manifest.relativeName(dir, file);
          if (name.equals(CheckpointFiles.METADATA)) return FileVisitResult.CONTINUE;
          Manifest.Entry entry = declared.get(name);
          if (entry == null) {
            throw new CheckpointException(file, "is not listed in the manifest; the checkpoint was changed after save()");
          }
          if (attrs.size() != entry.size()) {
            throw new CheckpointException(file, "is " + attrs.size() + " bytes but was saved with "
                + entry.size() + " bytes; the file is truncated or was changed");
          }
          seen.add(name);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          throw new CheckpointException(file, "cannot be read: " + exc, exc);
        }
      });
    } catch (IOException e) {
      throw new CheckpointException(dir, "cannot be trusted: " + e, e);
    }
    for (Map.Entry<String, Manifest.Entry> e : declared.entrySet()) {
      if (!seen.contains(e.getKey())) {
        throw new CheckpointException(dir.resolve(e.getKey()),
            "is listed in the manifest but missing; the checkpoint is incomplete");
      }
    }
    if (!verifyChecksums) return;
    for (Map.Entry<String, Manifest.Entry> e : declared.entrySet()) {
      if (e.getValue().crc32c() == null) continue;
      Path file = dir.resolve(e.getKey());
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

package dev.trainunit.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.trainunit.CheckpointException;
import dev.trainunit.CheckpointMetadata;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's metadata file, {@link CheckpointFiles#METADATA}: the counters, the last result,
 * whether a map is stored, and the manifest, followed by the metadata's own CRC32C. Written last by
 * {@code save()}, so that its presence marks a complete checkpoint; read first by {@code
 * restore()}, which refuses anything format version 1 does not say exactly.
 */
final class MetadataFile {

  /** Larger metadata than this is refused rather than parsed: it is not one TrainUnit wrote. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE = new TypeReference<>() {};

  /** The members of format version 1's metadata, besides its own checksum. */
  private static final Set<String> REQUIRED_KEYS =
      Set.of(
          "format_version",
          "iteration",
          "time_total_s",
          "timesteps_total",
          "episodes_total",
          "last_result",
          "has_data",
          "files");

  /**
   * Duplicate keys are refused: with "last one wins", a second {@code files} or {@code iteration}
   * member could override what the first one said.
   */
  private static final ObjectReader READER =
      Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  /**
   * Metadata larger than {@link #MAX_BYTES}, which restore() would refuse: says what takes the
   * room, the last result's largest metric or the manifest.
   */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long size, Map<String, Object> lastResult, Map<String, Manifest.Entry> files)
        throws IOException {
      super(cause(size, lastResult, files));
    }

    private static String cause(
        long size, Map<String, Object> lastResult, Map<String, Manifest.Entry> files)
        throws IOException {
      String largest = null;
      long largestSize = 0;
      for (Map.Entry<String, Object> e : lastResult.entrySet()) {
        long n = Json.MAPPER.writeValueAsBytes(e.getValue()).length;
        if (n > largestSize) {
          largest = e.getKey();
          largestSize = n;
        }
      }
      long manifestSize = Json.MAPPER.writeValueAsBytes(Manifest.toJson(files)).length;
      String what =
          largestSize >= manifestSize
              ? "the last result's metric '"
                  + largest
                  + "' takes "
                  + largestSize
                  + " bytes of it; keep large values out of step()'s metrics"
              : "the manifest of "
                  + files.size()
                  + " files takes "
                  + manifestSize
                  + " bytes of it; write fewer, larger files";
      return "its metadata would be "
          + size
          + " bytes, more than the "
          + MAX_BYTES
          + " restore() reads: "
          + what;
    }
  }

  /** What a metadata file says, once it has been checked. */
  record Contents(
      CheckpointMetadata metadata, Map<String, Manifest.Entry> files, boolean hasData) {}

  private MetadataFile() {}

  /**
   * Writes the metadata file into the checkpoint directory {@code dir}, which must not have one
   * yet.
   */
  static void write(
      Path dir, CheckpointMetadata m, Map<String, Manifest.Entry> files, boolean hasData)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format_version", m.formatVersion());
    json.put("iteration", m.iteration());
    json.put("time_total_s", m.timeTotalS());
    json.put("timesteps_total", m.timestepsTotal());
    json.put("episodes_total", m.episodesTotal());
    json.put("last_result", m.lastResult());
    json.put("has_data", hasData);
    json.put("files", Manifest.toJson(files));
    // The metadata carries its own CRC32C as its last member. Sizes and file checksums protect
    // the other files, but nothing protected the metadata itself: a flipped digit in iteration,
    // time_total_s or last_result still parsed and was restored as if it were true.
    byte[] body = Json.MAPPER.writeValueAsBytes(json);
    byte[] trailer =
        (",\"" + CheckpointFiles.METADATA_CHECKSUM + "\":\"" + Crc32c.of(body) + "\"}")
            .getBytes(StandardCharsets.US_ASCII);
    long size = body.length - 1L + trailer.length;
    if (size > MAX_BYTES) throw new TooLargeException(size, m.lastResult(), files);
    try (OutputStream out =
        Files.newOutputStream(
            dir.resolve(CheckpointFiles.METADATA), StandardOpenOption.CREATE_NEW)) {
      out.write(body, 0, body.length - 1); // without its closing brace, which the trailer ends with
      out.write(trailer);
    }
  }

  /**
   * Reads and checks the metadata file of the checkpoint directory {@code dir}.
   *
   * @throws CheckpointException naming the metadata file and what is wrong with it
   */
  static Contents read(Path dir) {
    Path metadataFile = dir.resolve(CheckpointFiles.METADATA);
    byte[] bytes = readBytes(metadataFile);
    JsonNode json = parseJson(metadataFile, bytes);
    verifyChecksum(metadataFile, bytes, json);
    CheckpointMetadata metadata = parseMetadata(metadataFile, json);
    Map<String, Manifest.Entry> files = Manifest.parse(metadataFile, json.get("files"));
    return new Contents(metadata, files, json.get("has_data").booleanValue());
  }

  private static byte[] readBytes(Path metadataFile) {
    try {
      BasicFileAttributes attrs;
      try {
        attrs =
            Files.readAttributes(
                metadataFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw new CheckpointException(
            metadataFile,
            "metadata file is missing; the directory is not a complete checkpoint written by save()");
      }
      if (!attrs.isRegularFile()) {
        // Never opened: a link could point anywhere, and opening a FIFO would block forever.
        throw new CheckpointException(
            metadataFile,
            "metadata is not a regular file (a directory, symbolic link or "
                + "special file); the directory is not a complete checkpoint written by save()");
      }
      if (attrs.size() > MAX_BYTES) {
        throw new CheckpointException(
            metadataFile,
            "metadata file is "
                + attrs.size()
                + " bytes, more than the "
                + MAX_BYTES
                + " TrainUnit ever writes; refusing to parse it");
      }
      try (InputStream in = Files.newInputStream(metadataFile, FileTrees.noFollow(metadataFile))) {
        // Bounded even if the file grows between the size check and the read.
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new CheckpointException(
              metadataFile,
              "metadata file grew past "
                  + MAX_BYTES
                  + " bytes while it was read; refusing to parse it");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new CheckpointException(metadataFile, "metadata cannot be read: " + e, e);
    }
  }

  private static JsonNode parseJson(Path metadataFile, byte[] bytes) {
    try {
      JsonNode node = READER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new CheckpointException(
            metadataFile, "metadata is not a JSON object (the file is empty or truncated)");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CheckpointException(metadataFile, "metadata is damaged: " + Json.describe(e), e);
    } catch (IOException e) {
      throw new CheckpointException(metadataFile, "metadata cannot be read: " + e, e);
    }
  }

  /**
   * Checks the metadata's own CRC32C, which save() writes as the last member. Metadata without one
   * (written by hand, or by an older TrainUnit) is accepted on its structure alone: damage cannot
   * remove the member without also breaking the JSON or leaving an unknown key.
   */
  private static void verifyChecksum(Path metadataFile, byte[] bytes, JsonNode json) {
    if (!json.has(CheckpointFiles.METADATA_CHECKSUM)) return;
    byte[] prefix =
        (",\"" + CheckpointFiles.METADATA_CHECKSUM + "\":\"").getBytes(StandardCharsets.US_ASCII);
    int trailerLength = prefix.length + 8 + 2;
    int at = bytes.length - trailerLength;
    boolean wellPlaced =
        at > 0
            && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length)
            && bytes[bytes.length - 2] == '"'
            && bytes[bytes.length - 1] == '}';
    String stored =
        wellPlaced ? new String(bytes, at + prefix.length, 8, StandardCharsets.US_ASCII) : null;
    if (!Crc32c.isWellFormed(stored)) {
      throw new CheckpointException(
          metadataFile,
          CheckpointFiles.METADATA_CHECKSUM
              + " is not the 8-hex-digit last member save() writes; the metadata was damaged or edited after save()");
    }
    byte[] body = Arrays.copyOf(bytes, at + 1);
    body[at] = '}';
    String actual = Crc32c.of(body);
    if (!actual.equals(stored)) {
      throw new CheckpointException(
          metadataFile,
          "metadata has CRC32C "
              + actual
              + " but was saved with "
              + stored
              + "; the metadata is damaged or was edited after save()");
    }
  }

  private static CheckpointMetadata parseMetadata(Path file, JsonNode json) {
    JsonNode version = json.get("format_version");
    if (version == null || !version.isInt()) {
      throw new CheckpointException(file, "metadata has no integer format_version");
    }
    if (version.intValue() != CheckpointMetadata.FORMAT_VERSION) {
      throw new CheckpointException(
          file,
          "format version "
              + version.intValue()
              + " is not supported; this TrainUnit reads version "
              + CheckpointMetadata.FORMAT_VERSION);
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
        throw new CheckpointException(
            file,
            "metadata has an unknown key '"
                + key
                + "'; format version "
                + CheckpointMetadata.FORMAT_VERSION
                + " has only "
                + REQUIRED_KEYS);
      }
    }
    long iteration = requireCounter(file, json, "iteration");
    JsonNode time = json.get("time_total_s");
    if (time == null
        || !time.isNumber()
        || !(time.doubleValue() >= 0)
        || Double.isInfinite(time.doubleValue())) {
      throw new CheckpointException(
          file, "metadata time_total_s is missing or not a finite non-negative number");
    }
    JsonNode last = json.get("last_result");
    if (last == null || !last.isObject()) {
      throw new CheckpointException(file, "metadata last_result is missing or not an object");
    }
    if (!json.get("has_data").isBoolean()) {
      throw new CheckpointException(file, "metadata has_data is not true or false");
    }
    return new CheckpointMetadata(
        version.intValue(),
        iteration,
        time.doubleValue(),
        optionalCounter(file, json, "timesteps_total"),
        optionalCounter(file, json, "episodes_total"),
        Json.MAPPER.convertValue(last, MAP_TYPE));
  }

  /**
   * A counter within 0…{@link Json#MAX_COUNTER}: a restored iteration of {@code Long.MAX_VALUE}
   * made the next {@code training_iteration} negative.
   */
  private static long requireCounter(Path file, JsonNode json, String key) {
    JsonNode node = json.get(key);
    if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
      throw new CheckpointException(file, "metadata " + key + " is missing or not an integer");
    }
    long value = node.longValue();
    if (value < 0 || value > Json.MAX_COUNTER) {
      throw new CheckpointException(
          file,
          "metadata "
              + key
              + " is "
              + (value < 0 ? "negative: " : "")
              + value
              + ", outside 0.."
              + Json.MAX_COUNTER
              + " (2^53 - 1)");
    }
    return value;
  }

  private static Long optionalCounter(Path file, JsonNode json, String key) {
    JsonNode node = json.get(key);
    if (node == null || node.isNull()) return null;
    return requireCounter(file, json, key);
  }
}

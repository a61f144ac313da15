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
import java.util.LinkedHashMap;
import java.util.Map;

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
    CheckpointMetadata metadata = MetadataFields.parse(metadataFile, json);
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
}

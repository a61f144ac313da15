package dev.trainunit.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainunit.CheckpointException;
import dev.trainunit.CheckpointMetadata;
import dev.trainunit.internal.Json;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The members of a checkpoint's metadata, checked as {@code restore()} reads them: format version 1
 * has exactly these, each of its type and within its bounds.
 */
final class MetadataFields {

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

  private MetadataFields() {}

  /**
   * The counters and last result of format version 1's metadata {@code json}, read from {@code
   * file}, refusing any member the format does not say exactly.
   */
  static CheckpointMetadata parse(Path file, JsonNode json) {
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
        Json.MAPPER.convertValue(last, MetadataFile.MAP_TYPE));
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

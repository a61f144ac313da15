package dev.trainunit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainunit.internal.Json;
import dev.trainunit.internal.JsonShape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The hyperparameters of one trial: an immutable, JSON-shaped map, as Tune's {@code config} dict.
 * Build one with {@link #parse(String)}, {@link #of(Map)} or {@link #empty()}, derive variants with
 * {@link #with(String, Object)}, and read it with the typed getters of {@link JsonMap}:
 *
 * <pre>{@code
 * double lr = config.getDouble("lr", 0.01);
 * int hidden = config.getInt("hidden", 32);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public final class Config extends JsonMap {

  private static final Config EMPTY = new Config(Map.of());
  private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE =
      new TypeReference<>() {};

  private final Map<String, Object> values;

  @SuppressWarnings("unchecked")
  private Config(Map<String, ?> values) {
    String bad = JsonShape.findUnserialisable("", values);
    if (bad != null) {
      throw new IllegalArgumentException("config value " + bad + " is not JSON-shaped");
    }
    this.values = (Map<String, Object>) JsonShape.freeze(values);
  }

  public static Config empty() {
    return EMPTY;
  }

  /** A config holding a deep, immutable copy of {@code values}. */
  public static Config of(Map<String, ?> values) {
    return new Config(Objects.requireNonNull(values, "values"));
  }

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException when the text is not a JSON object; the message quotes the
   *     text and gives the line and column of the problem
   */
  public static Config parse(String json) {
    Objects.requireNonNull(json, "json");
    if (json.isBlank()) {
      throw new IllegalArgumentException(
          "malformed config JSON: the text is empty; use {} for an empty config");
    }
    LinkedHashMap<String, Object> parsed;
    try {
      parsed = Json.MAPPER.readValue(json, MAP_TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "malformed config JSON: " + Json.describe(e) + " in: " + json, e);
    }
    // Jackson maps the JSON literal null to a null map rather than failing; without this check the
    // Config would hold null and fail later with a NullPointerException far from the bad text.
    if (parsed == null) {
      throw new IllegalArgumentException(
          "malformed config JSON: expected an object but found null in: " + json);
    }
    return new Config(parsed);
  }

  /** A copy of this config with {@code key} set to {@code value}. */
  public Config with(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(Objects.requireNonNull(key, "key"), value);
    return new Config(copy);
  }

  @Override
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  String kind() {
    return "config";
  }
}

package dev.trainunit.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import dev.trainunit.internal.Json;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A valid {@code @Trainable} declaration, read and checked: what to test and how.
 *
 * @param testClass the annotated class (the source of the test nodes)
 * @param trainableClass the trainable under test: the annotated class itself, or its {@code value}
 * @param iterations train() calls of one reference run
 * @param configs the configs to test, each a variant
 * @param deterministic whether runs of fresh instances must agree exactly
 * @param tolerance relative tolerance for floating-point metrics
 * @param skipped check ids left out by the declaration
 * @param skipReason why they are left out; may be empty
 * @param exportFormats formats for the export-model check
 * @param stepTimeout the longest one step may take
 * @param allowNonFinite metrics allowed to be NaN or infinite
 * @param ignoredMetrics metrics left out of every comparison
 * @param stepBudget the most step() calls the check catalogue may make per config, as a multiple of
 *     one run
 * @param derivedFields fields left out of the comparison of a restored instance with the one that
 *     saved, as dotted paths from the trainable; each one checked to exist
 * @param golden the directory of golden checkpoints as declared, relative to the working directory;
 *     empty when none is declared
 */
@API(status = API.Status.INTERNAL)
public record TrainableDeclaration(
    Class<?> testClass,
    Class<? extends AbstractTrainable> trainableClass,
    int iterations,
    List<Config> configs,
    boolean deterministic,
    double tolerance,
    Set<String> skipped,
    String skipReason,
    List<String> exportFormats,
    Duration stepTimeout,
    Set<String> allowNonFinite,
    Set<String> ignoredMetrics,
    double stepBudget,
    Set<String> derivedFields,
    String golden) {

  public TrainableDeclaration {
    configs = List.copyOf(configs);
    skipped = Set.copyOf(skipped);
    exportFormats = List.copyOf(exportFormats);
    allowNonFinite = Set.copyOf(allowNonFinite);
    ignoredMetrics = Set.copyOf(ignoredMetrics);
    derivedFields = Set.copyOf(derivedFields);
  }

  /** The longest {@link #configShortForm} before it is cut. */
  static final int SHORT_FORM_LENGTH = 40;

  /** A short, readable label for config {@code index}, used in display names and directories. */
  public String configLabel(int index) {
    String json = configs.get(index).toJson();
    return json.length() <= 80 ? json : json.substring(0, 77) + "...";
  }

  /**
   * What tells config {@code index} from the others: each key whose value is not the same in every
   * config, as {@code key=value} ({@code "lr=0.01"}, {@code "lr=0.1,optimizer=adam"}), cut at
   * {@value #SHORT_FORM_LENGTH} characters; empty when the configs do not differ (or there is one).
   * A key this config does not set is left out.
   */
  public String configShortForm(int index) {
    List<String> differing = new ArrayList<>();
    for (Config c : configs) {
      for (String key : c.asMap().keySet()) {
        if (!differing.contains(key) && !sameInEvery(key)) differing.add(key);
      }
    }
    Map<String, Object> values = configs.get(index).asMap();
    List<String> parts = new ArrayList<>();
    for (String key : differing) {
      if (values.containsKey(key)) parts.add(key + "=" + text(values.get(key)));
    }
    String form = String.join(",", parts);
    return form.length() <= SHORT_FORM_LENGTH
        ? form
        : form.substring(0, SHORT_FORM_LENGTH - 3).stripTrailing() + "...";
  }

  private boolean sameInEvery(String key) {
    Map<String, Object> first = configs.get(0).asMap();
    for (Config c : configs) {
      if (c.asMap().containsKey(key) != first.containsKey(key)
          || !Objects.equals(json(c.asMap().get(key)), json(first.get(key)))) return false;
    }
    return true;
  }

  /** A string as it is, anything else as its JSON. */
  private static String text(Object value) {
    return value instanceof String s ? s : json(value);
  }

  private static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a config value cannot be written as JSON: " + value, e);
    }
  }

  /**
   * What decides the shard of config {@code index} (see {@link Shard}): the test class's name and
   * the config as JSON, so that the shard is the same on every machine and in every order of
   * discovery, and adding a class or a config moves no other.
   */
  public String shardKey(int index) {
    return shardKey(testClass) + " " + configs.get(index).toJson();
  }

  /** The shard key of a test class whose declaration could not be read: its name. */
  public static String shardKey(Class<?> testClass) {
    return testClass.getName();
  }
}

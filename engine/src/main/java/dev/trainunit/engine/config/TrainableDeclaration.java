package dev.trainunit.engine.config;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import java.time.Duration;
import java.util.List;
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

  /** A short, readable label for config {@code index}, used in display names and directories. */
  public String configLabel(int index) {
    String json = configs.get(index).toJson();
    return json.length() <= 80 ? json : json.substring(0, 77) + "...";
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

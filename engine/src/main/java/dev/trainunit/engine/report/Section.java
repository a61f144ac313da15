package dev.trainunit.engine.report;

import dev.trainunit.engine.config.Shard;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One trainable under one config, as the report shows it.
 *
 * @param testClass the {@code @Trainable} class's full name
 * @param trainableClass the trainable's full name (the same class unless the test class names
 *     another)
 * @param configIndex 0-based
 * @param configCount how many configs the trainable declares
 * @param configLabel the config as JSON, shortened
 * @param config the config's values
 * @param checks the checks, in tree order
 * @param reference the reference run's comparable results, empty when no check needed one
 * @param cost what the checks of the execution that ran last cost; null when not known
 * @param shard the shard of the suite the execution that ran last was; null when it ran unsharded
 */
record Section(
    String testClass,
    String trainableClass,
    int configIndex,
    int configCount,
    String configLabel,
    Map<String, Object> config,
    List<CheckOutcome> checks,
    List<Map<String, Object>> reference,
    Cost cost,
    Shard shard) {

  public static final Comparator<Section> ORDER =
      Comparator.comparing(Section::testClass).thenComparingInt(Section::configIndex);

  /**
   * The shards that ran {@code sections}, each once, in shard order: one on a CI machine that ran
   * one shard, several when shards shared an output directory; empty when none ran sharded.
   */
  static List<Shard> shardsOf(List<Section> sections) {
    return sections.stream()
        .map(Section::shard)
        .filter(Objects::nonNull)
        .distinct()
        .sorted(Comparator.comparingInt(Shard::total).thenComparingInt(Shard::index))
        .toList();
  }

  /** "shard 1 of 2", "shard 1 of 2, shard 2 of 2"; empty when none ran sharded. */
  static String shardLabels(List<Section> sections) {
    return shardsOf(sections).stream().map(Shard::label).collect(Collectors.joining(", "));
  }

  public String simpleName() {
    return testClass.substring(testClass.lastIndexOf('.') + 1);
  }

  /** "CorrectModel", or "CorrectModel [config 2]" when several configs are declared. */
  public String title() {
    return configCount > 1 ? simpleName() + " [config " + (configIndex + 1) + "]" : simpleName();
  }

  /** The HTML anchor of the section. */
  public String anchor() {
    return testClass.replaceAll("[^A-Za-z0-9_-]", "-") + "-config-" + (configIndex + 1);
  }

  /**
   * The reference run's last comparable result: its final metrics; empty without a reference run.
   */
  public Map<String, Object> finalMetrics() {
    return reference.isEmpty() ? Map.of() : reference.get(reference.size() - 1);
  }

  public long count(CheckOutcome.Status status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }

  public long passed() {
    return count(CheckOutcome.Status.PASSED);
  }

  public long failed() {
    return count(CheckOutcome.Status.FAILED);
  }

  /** Skipped and aborted checks. */
  public long skipped() {
    return checks.stream().filter(c -> c.status().countsAsSkipped()).count();
  }
}

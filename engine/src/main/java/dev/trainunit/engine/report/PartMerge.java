package dev.trainunit.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainunit.internal.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges what an engine execution ran of one test class into what earlier executions stored of it,
 * check by check: a rerun that selects only some checks (Surefire's {@code rerunFailingTestsCount},
 * {@code -Dtest=Class#check}) or only some configs replaces those checks' outcomes and keeps the
 * others, as a person reading the report after the build expects.
 */
final class PartMerge {

  private PartMerge() {}

  /**
   * @param earlier the stored sections of the class, any configs
   * @param now the sections this execution ran of the same class
   * @return one section per config, ordered by config
   */
  static List<Section> merge(List<Section> earlier, List<Section> now) {
    if (now.isEmpty()) return earlier;
    // The class as it is now decides how many configs it has: those it no longer declares are gone.
    int configCount = now.get(0).configCount();
    Map<Integer, Section> byConfig = new TreeMap<>();
    for (Section s : earlier) {
      if (s.configIndex() < configCount) byConfig.put(s.configIndex(), s);
    }
    for (Section s : now) {
      byConfig.merge(s.configIndex(), s, PartMerge::merge);
    }
    return List.copyOf(byConfig.values());
  }

  /**
   * One config: the checks that ran now replace theirs, the others stay. When the config's values
   * changed, the earlier checks tested another config and are dropped. The reference run is the
   * newer one when this execution made one.
   */
  private static Section merge(Section earlier, Section now) {
    if (!json(earlier.config()).equals(json(now.config()))) return now;
    Map<String, CheckOutcome> checks = new LinkedHashMap<>();
    for (CheckOutcome c : earlier.checks()) checks.put(c.id(), c);
    for (CheckOutcome c : now.checks()) checks.put(c.id(), c);
    List<CheckOutcome> merged = new ArrayList<>(checks.values());
    merged.sort(CheckOutcome.TREE_ORDER);
    return new Section(
        now.testClass(),
        now.trainableClass(),
        now.configIndex(),
        now.configCount(),
        now.configLabel(),
        now.config(),
        List.copyOf(merged),
        now.reference().isEmpty() ? earlier.reference() : now.reference(),
        now.cost() == null ? earlier.cost() : now.cost(),
        now.shard());
  }

  /**
   * Compared as JSON text: a value read back from a part (an Integer) equals the one it was written
   * from (a Long).
   */
  private static String json(Map<String, Object> config) {
    try {
      return Json.MAPPER.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("config cannot be written as JSON: " + config, e);
    }
  }
}

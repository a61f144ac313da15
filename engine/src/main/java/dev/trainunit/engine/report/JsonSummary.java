package dev.trainunit.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainunit.engine.config.Shard;
import dev.trainunit.internal.Json;
import dev.trainunit.internal.SafeJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code trainunit-summary.json}: what the report shows, for machines. */
final class JsonSummary {

  static final String FILE = "trainunit-summary.json";

  private JsonSummary() {}

  /**
   * @param html the HTML report, or empty when it is turned off
   */
  static ObjectNode build(List<Section> sections, Instant generated, Optional<Path> html) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("engine", "trainunit");
    root.put("generated", generated.toString());
    root.put("report", html.map(Path::toString).orElse(null));
    // Which shard of the suite this report is (several when shards shared an output directory).
    ArrayNode shards = root.putArray("shards");
    Section.shardsOf(sections).forEach(shard -> shards.add(shard(shard)));
    ObjectNode totals = root.putObject("totals");
    totals.put("passed", sections.stream().mapToLong(Section::passed).sum());
    totals.put("failed", sections.stream().mapToLong(Section::failed).sum());
    totals.put("skipped", sections.stream().mapToLong(Section::skipped).sum());
    ArrayNode trainables = root.putArray("trainables");
    for (Section s : sections) {
      ObjectNode t = trainables.addObject();
      t.put("testClass", s.testClass());
      t.put("trainableClass", s.trainableClass());
      t.put("config", s.configIndex() + 1);
      t.put("configCount", s.configCount());
      t.set("shard", s.shard() == null ? null : shard(s.shard()));
      t.set("configValues", Json.MAPPER.valueToTree(s.config()));
      t.put("report", html.map(p -> p + "#" + s.anchor()).orElse(null));
      t.put("passed", s.passed());
      t.put("failed", s.failed());
      t.put("skipped", s.skipped());
      if (s.cost() != null) {
        ObjectNode cost = t.putObject("cost");
        cost.put("steps", s.cost().steps());
        cost.put("runLength", s.cost().runLength());
        cost.put("multipleOfRun", Math.round(s.cost().multiple() * 100) / 100.0);
        cost.put("wallMillis", s.cost().wallMillis());
      }
      ArrayNode checks = t.putArray("checks");
      for (CheckOutcome c : s.checks()) {
        ObjectNode check = checks.addObject();
        check.put("id", c.id());
        check.put("status", c.status().label());
        check.put("message", c.message());
        c.divergence().ifPresent(d -> check.set("divergence", divergence(d)));
      }
      // A metric JSON cannot hold is written as its string form, as the result logs write it.
      t.set("finalMetrics", Json.MAPPER.valueToTree(SafeJson.safeCopy(s.finalMetrics())));
    }
    return root;
  }

  private static ObjectNode shard(Shard shard) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("index", shard.index());
    n.put("total", shard.total());
    n.put("label", shard.label());
    return n;
  }

  private static ObjectNode divergence(Overlay d) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("iteration", d.iteration());
    n.put("metric", d.metric());
    n.set("expected", value(d.expected()));
    n.set("actual", value(d.actual()));
    return n;
  }

  private static JsonNode value(Object v) {
    return Json.MAPPER.valueToTree(SafeJson.safeCopy(v));
  }
}

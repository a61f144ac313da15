package dev.trainunit.benchmarks.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the gate's verdict as JSON, for a CI step or a dashboard to read. Numbers that are not
 * finite (a change from zero, a p-value not computed) are written as null.
 */
final class VerdictFile {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private VerdictFile() {}

  /**
   * @throws IOException naming the file when it cannot be written
   */
  static void write(
      Path file,
      GateResult result,
      GateSources sources,
      GatePolicy policy,
      Set<Metric> metrics,
      boolean failOnMissing,
      List<BenchmarkVerdict> verdicts)
      throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("result", result.name());
    root.put("exitCode", result.exitCode());
    root.put("mode", sources.mode());
    root.put("baseline", sources.baseline());
    root.put("candidate", sources.candidate());
    if (!sources.order().isEmpty()) {
      ArrayNode order = root.putArray("order");
      sources.order().forEach(order::add);
    }
    ObjectNode p = root.putObject("policy");
    p.put("test", "Mann-Whitney U, one-sided");
    p.put("alpha", policy.alpha());
    p.put("threshold", policy.threshold());
    p.put("minAllocBytes", policy.minAllocBytes());
    p.put("minSamples", policy.minSamples());
    p.put("samples", policy.level().label());
    ArrayNode m = p.putArray("metrics");
    for (Metric metric : Metric.values()) if (metrics.contains(metric)) m.add(metric.label());
    p.put("failOnMissing", failOnMissing);
    ObjectNode counts = root.putObject("counts");
    for (Verdict v : Verdict.values()) {
      long n = verdicts.stream().filter(b -> b.verdict() == v).count();
      if (n > 0) counts.put(v.name(), n);
    }
    ArrayNode benchmarks = root.putArray("benchmarks");
    for (BenchmarkVerdict b : verdicts) benchmarks.add(benchmark(b));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      MAPPER.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new IOException("cannot write the verdict file " + file + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode benchmark(BenchmarkVerdict b) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("benchmark", b.key().benchmark());
    node.put("name", b.key().displayName());
    node.put("mode", b.key().mode());
    ObjectNode params = node.putObject("params");
    for (Map.Entry<String, String> e : b.key().params().entrySet()) {
      params.put(e.getKey(), e.getValue());
    }
    node.put("verdict", b.verdict().name());
    ArrayNode metrics = node.putArray("metrics");
    for (MetricVerdict m : b.metrics()) metrics.add(metric(m));
    return node;
  }

  private static ObjectNode metric(MetricVerdict m) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("metric", m.metric().label());
    node.put("unit", m.unit());
    node.put("better", m.direction() == null ? null : m.direction().label());
    node.put("verdict", m.verdict().name());
    node.set("baseline", side(m.baselineSamples(), m.baselineMedian()));
    node.set("candidate", side(m.candidateSamples(), m.candidateMedian()));
    number(node, "change", m.change());
    number(node, "difference", m.difference());
    number(node, "pValue", m.pValue());
    if (!Double.isNaN(m.pValue())) node.put("exact", m.exact());
    node.put("note", m.note());
    return node;
  }

  private static ObjectNode side(double[] samples, double median) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("n", samples.length);
    number(node, "median", median);
    ArrayNode values = node.putArray("samples");
    for (double v : samples) values.add(v);
    return node;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }
}

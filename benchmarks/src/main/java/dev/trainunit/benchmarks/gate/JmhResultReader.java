package dev.trainunit.benchmarks.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the primary score of every benchmark in a JMH result file written with {@code -rf json}.
 * Secondary metrics (profiler output such as {@code gc.alloc.rate.norm}) are not read.
 */
public final class JmhResultReader {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /**
   * @throws IOException when the file cannot be read or is not a JMH JSON result file; the message
   *     names the file and what is wrong
   */
  public List<BenchmarkScore> read(Path file) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IOException(
          file + " is not a JMH JSON result file (expected an array; write one with -rf json)");
    }
    List<BenchmarkScore> scores = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : root) {
      scores.add(parse(file, index++, entry));
    }
    return scores;
  }

  private static BenchmarkScore parse(Path file, int index, JsonNode entry) throws IOException {
    String benchmark = text(file, index, entry, "benchmark");
    String mode = text(file, index, entry, "mode");
    Map<String, String> params = new LinkedHashMap<>();
    JsonNode paramsNode = entry.get("params");
    if (paramsNode != null && paramsNode.isObject()) {
      for (Map.Entry<String, JsonNode> p : paramsNode.properties()) {
        params.put(p.getKey(), p.getValue().asText());
      }
    }
    JsonNode primary = entry.get("primaryMetric");
    if (primary == null || !primary.isObject()) {
      throw new IOException(
          file + ": result " + index + " (" + benchmark + ") has no primaryMetric");
    }
    double score = number(file, index, benchmark, primary.get("score"), "score");
    JsonNode confidence = primary.get("scoreConfidence");
    double low = Double.NaN;
    double high = Double.NaN;
    if (confidence != null && confidence.isArray() && confidence.size() == 2) {
      low = number(file, index, benchmark, confidence.get(0), "scoreConfidence");
      high = number(file, index, benchmark, confidence.get(1), "scoreConfidence");
    }
    String unit = text(file, index, primary, "scoreUnit");
    return new BenchmarkScore(BenchmarkKey.of(benchmark, mode, params), score, low, high, unit);
  }

  private static String text(Path file, int index, JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IOException(file + ": result " + index + " has no text field '" + field + "'");
    }
    return value.asText();
  }

  /** JMH writes NaN and infinities as the strings "NaN", "Infinity"; plain numbers otherwise. */
  private static double number(Path file, int index, String benchmark, JsonNode value, String field)
      throws IOException {
    if (value != null && value.isNumber()) return value.doubleValue();
    if (value != null && value.isTextual()) {
      try {
        return Double.parseDouble(value.asText());
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new IOException(
        file + ": result " + index + " (" + benchmark + ") has no numeric " + field);
  }
}

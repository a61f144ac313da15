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
 * Reads a JMH result file written with {@code -rf json} into one {@link BenchmarkRun} per
 * benchmark: per fork, the primary score of each iteration ({@code rawData}), the histograms of
 * {@code sample} mode ({@code rawDataHistogram}) and the bytes allocated per operation when the run
 * had {@code -prof gc} ({@code gc.alloc.rate.norm}, written {@code ·gc.alloc.rate.norm} by older
 * JMH versions).
 *
 * <p>A benchmark that appears more than once (the results of several runs of one command in one
 * array, as the interleaved mode writes them) is one run with the forks of all its entries; the
 * entries must agree on unit and on warm-up, measurement and thread settings.
 */
final class JmhResultReader {

  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static final String ALLOC = "gc.alloc.rate.norm";
  private static final List<String> SETTINGS =
      List.of(
          "threads",
          "warmupIterations",
          "warmupTime",
          "warmupBatchSize",
          "measurementIterations",
          "measurementTime",
          "measurementBatchSize");

  /**
   * @throws IOException when the file cannot be read or is not a JMH JSON result file; the message
   *     names the file, the result and what is wrong
   */
  List<BenchmarkRun> read(Path file) throws IOException {
    return read(file, readArray(file));
  }

  /** The file's JSON array of results, checked to be one. */
  static JsonNode readArray(Path file) throws IOException {
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
    return root;
  }

  private static List<BenchmarkRun> read(Path file, JsonNode root) throws IOException {
    Map<BenchmarkKey, BenchmarkRun> runs = new LinkedHashMap<>();
    int index = 0;
    for (JsonNode entry : root) {
      BenchmarkRun run = new Entry(file, index++, entry).parse();
      BenchmarkRun earlier = runs.get(run.key());
      if (earlier == null) {
        runs.put(run.key(), run);
      } else {
        checkSameCommand(file, earlier, run);
        runs.put(run.key(), earlier.plus(run));
      }
    }
    return new ArrayList<>(runs.values());
  }

  private static void checkSameCommand(Path file, BenchmarkRun earlier, BenchmarkRun run)
      throws IOException {
    String what = file + ": " + run.key().displayName() + " (" + run.key().mode() + ")";
    if (!earlier.unit().equals(run.unit())) {
      throw new IOException(
          what
              + " appears in "
              + earlier.unit()
              + " and in "
              + run.unit()
              + "; merge runs of one command only");
    }
    if (!earlier.settings().equals(run.settings())) {
      throw new IOException(
          what
              + " appears with different settings ("
              + earlier.settings()
              + " and "
              + run.settings()
              + "); merge runs of one command only");
    }
    if ((earlier.allocUnit() == null) != (run.allocUnit() == null)) {
      throw new IOException(
          what
              + " appears with and without gc.alloc.rate.norm (-prof gc); merge runs of one command only");
    }
  }

  /** One element of the array, with what is needed to name it in an error. */
  private record Entry(Path file, int index, JsonNode node) {

    BenchmarkRun parse() throws IOException {
      String benchmark = text(node, "benchmark");
      String mode = text(node, "mode");
      Map<String, String> params = new LinkedHashMap<>();
      JsonNode paramsNode = node.get("params");
      if (paramsNode != null && paramsNode.isObject()) {
        for (Map.Entry<String, JsonNode> p : paramsNode.properties()) {
          params.put(p.getKey(), p.getValue().asText());
        }
      }
      BenchmarkKey key = BenchmarkKey.of(benchmark, mode, params);
      JsonNode primary = node.get("primaryMetric");
      if (primary == null || !primary.isObject()) {
        throw error(benchmark, "has no primaryMetric");
      }
      String unit = text(primary, "scoreUnit");
      JsonNode alloc = allocMetric();
      List<double[]> allocForks = alloc == null ? null : rawData(benchmark, alloc, ALLOC);
      List<ForkSamples> forks = new ArrayList<>();
      JsonNode histograms = primary.get("rawDataHistogram");
      if (histograms != null && histograms.isArray()) {
        int fork = 0;
        for (JsonNode forkNode : histograms) {
          List<Histogram> iterations = new ArrayList<>();
          for (JsonNode iteration : forkNode) iterations.add(histogram(benchmark, iteration));
          forks.add(ForkSamples.ofHistograms(iterations, allocOf(allocForks, fork++)));
        }
      } else {
        List<double[]> scores = rawData(benchmark, primary, "primaryMetric");
        for (int fork = 0; fork < scores.size(); fork++) {
          forks.add(new ForkSamples(scores.get(fork), List.of(), allocOf(allocForks, fork)));
        }
      }
      if (allocForks != null && allocForks.size() != forks.size()) {
        throw error(
            benchmark, "has " + forks.size() + " forks but " + allocForks.size() + " in " + ALLOC);
      }
      String allocUnit = alloc == null ? null : text(alloc, "scoreUnit");
      return new BenchmarkRun(key, unit, allocUnit, settings(), forks);
    }

    private JsonNode allocMetric() {
      JsonNode secondary = node.get("secondaryMetrics");
      if (secondary == null || !secondary.isObject()) return null;
      for (Map.Entry<String, JsonNode> metric : secondary.properties()) {
        String name = metric.getKey();
        if (name.startsWith("\u00b7")) name = name.substring(1);
        if (name.equals(ALLOC) && metric.getValue().isObject()) return metric.getValue();
      }
      return null;
    }

    private String settings() {
      StringBuilder sb = new StringBuilder();
      for (String field : SETTINGS) {
        JsonNode value = node.get(field);
        if (value == null) continue;
        if (sb.length() > 0) sb.append(", ");
        sb.append(field).append(' ').append(value.asText());
      }
      return sb.toString();
    }

    private static double[] allocOf(List<double[]> allocForks, int fork) {
      if (allocForks == null || fork >= allocForks.size()) return new double[0];
      return allocForks.get(fork);
    }

    /** {@code rawData}: one array per fork of one value per measurement iteration. */
    private List<double[]> rawData(String benchmark, JsonNode metric, String name)
        throws IOException {
      JsonNode raw = metric.get("rawData");
      if (raw == null || !raw.isArray()) {
        throw error(
            benchmark, "has no rawData in " + name + " (a file JMH wrote with -rf json has)");
      }
      List<double[]> forks = new ArrayList<>();
      for (JsonNode fork : raw) {
        if (!fork.isArray()) throw error(benchmark, "has a rawData fork that is not an array");
        double[] values = new double[fork.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = number(benchmark, fork.get(i), name + " rawData");
        }
        forks.add(values);
      }
      return forks;
    }

    /** One iteration of {@code rawDataHistogram}: an array of [value, count] pairs. */
    private Histogram histogram(String benchmark, JsonNode iteration) throws IOException {
      if (!iteration.isArray()) {
        throw error(benchmark, "has a rawDataHistogram iteration that is not an array");
      }
      double[] values = new double[iteration.size()];
      long[] counts = new long[iteration.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode pair = iteration.get(i);
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).canConvertToLong()) {
          throw error(benchmark, "has a rawDataHistogram entry that is not [value, count]");
        }
        values[i] = number(benchmark, pair.get(0), "rawDataHistogram");
        counts[i] = pair.get(1).asLong();
      }
      return Histogram.of(values, counts);
    }

    private String text(JsonNode n, String field) throws IOException {
      JsonNode value = n.get(field);
      if (value == null || !value.isTextual()) {
        throw new IOException(file + ": result " + index + " has no text field '" + field + "'");
      }
      return value.asText();
    }

    /** JMH writes NaN and infinities as the strings "NaN", "Infinity"; plain numbers otherwise. */
    private double number(String benchmark, JsonNode value, String field) throws IOException {
      if (value != null && value.isNumber()) return value.doubleValue();
      if (value != null && value.isTextual()) {
        try {
          return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
          throw new IOException(
              error(benchmark, "has a non-numeric value '" + value.asText() + "' in " + field)
                  .getMessage(),
              e);
        }
      }
      throw error(benchmark, "has no numeric value in " + field);
    }

    private IOException error(String benchmark, String what) {
      return new IOException(file + ": result " + index + " (" + benchmark + ") " + what);
    }
  }
}

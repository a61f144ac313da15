package dev.trainunit.examples;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Multinomial (softmax) logistic regression over the three Iris species, trained by full-batch
 * gradient descent with a decaying learning rate — and <b>exported</b> in two formats through
 * {@link #doExportModel(List, Path)}:
 *
 * <ul>
 *   <li>{@code "json"} → {@code iris-softmax.json}: weights, biases, class and feature names, and
 *       the standardisation (mean, standard deviation) to apply to raw measurements in centimetres;
 *   <li>{@code "csv"} → {@code iris-softmax.csv}: one row per class, {@code
 *       class,bias,w_<feature>...}.
 * </ul>
 *
 * An export is a deployable artefact, not a checkpoint: it has what inference needs and nothing of
 * the training state.
 *
 * <p>Full-batch gradient descent draws no random numbers, so the checkpoint (a map) holds only the
 * weights and {@code updates}, the number of updates made, which the learning-rate schedule {@code
 * lr / (1 + lr_decay * updates)} reads. Forget it and a restored run steps with the initial, larger
 * learning rate.
 *
 * <p>Config: {@code lr} (0.5), {@code lr_decay} (0.01), {@code updates_per_step} (5).
 */
public class SoftmaxIrisClassifier extends AbstractTrainable {

  static final String JSON_FILE = "iris-softmax.json";
  static final String CSV_FILE = "iris-softmax.csv";
  private static final int CLASSES = 3;
  private static final int FEATURES = 4;

  private IrisData data;
  private double lr;
  private double lrDecay;
  private int updatesPerStep;

  // training state (all of it in the checkpoint)
  private double[] weights; // weights[c * (FEATURES + 1) + j], j == FEATURES is the bias
  private long updates;

  @Override
  protected void setup(Config config) {
    data = IrisData.load();
    init(config);
  }

  @Override
  protected boolean resetConfig(Config newConfig) {
    init(newConfig);
    return true;
  }

  private void init(Config config) {
    lr = config.getDouble("lr", 0.5);
    lrDecay = config.getDouble("lr_decay", 0.01);
    updatesPerStep = config.getInt("updates_per_step", 5);
    weights = new double[CLASSES * (FEATURES + 1)];
    updates = 0;
  }

  @Override
  protected Map<String, Object> step() {
    int n = data.size();
    double[] p = new double[CLASSES];
    for (int u = 0; u < updatesPerStep; u++) {
      double[] grad = new double[weights.length];
      for (int i = 0; i < n; i++) {
        double[] x = data.features()[i];
        probabilities(x, p);
        for (int c = 0; c < CLASSES; c++) {
          double err = p[c] - (data.labels()[i] == c ? 1 : 0);
          for (int j = 0; j < FEATURES; j++) grad[c * (FEATURES + 1) + j] += err * x[j];
          grad[c * (FEATURES + 1) + FEATURES] += err;
        }
      }
      double rate = lr / (1 + lrDecay * updates);
      for (int k = 0; k < weights.length; k++) weights[k] -= rate * grad[k] / n;
      updates++;
    }
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < n; i++) {
      probabilities(data.features()[i], p);
      int label = data.labels()[i];
      loss -= Math.log(Math.max(p[label], 1e-15));
      int best = 0;
      for (int c = 1; c < CLASSES; c++) if (p[c] > p[best]) best = c;
      if (best == label) correct++;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("loss", loss / n);
    metrics.put("accuracy", correct / (double) n);
    return metrics;
  }

  private void probabilities(double[] x, double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < CLASSES; c++) {
      double z = weights[c * (FEATURES + 1) + FEATURES];
      for (int j = 0; j < FEATURES; j++) z += weights[c * (FEATURES + 1) + j] * x[j];
      p[c] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int c = 0; c < CLASSES; c++) {
      p[c] = Math.exp(p[c] - max); // shifted by the max for numerical stability
      sum += p[c];
    }
    for (int c = 0; c < CLASSES; c++) p[c] /= sum;
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
    return Map.of("weights", weights.clone(), "updates", updates);
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) {
    double[] w = checkpoint.data().getDoubleArray("weights");
    if (w.length != weights.length) {
      throw new IllegalArgumentException(
          "checkpoint has " + w.length + " weights, expected " + weights.length);
    }
    weights = w;
    updates = checkpoint.data().getLong("updates");
  }

  @Override
  protected Map<String, Path> doExportModel(List<String> exportFormats, Path exportDir)
      throws IOException {
    Map<String, Path> written = new LinkedHashMap<>();
    for (String format : exportFormats) {
      switch (format) {
        case "json" ->
            written.put(
                format,
                Files.writeString(exportDir.resolve(JSON_FILE), toJson(), StandardCharsets.UTF_8));
        case "csv" ->
            written.put(
                format,
                Files.writeString(exportDir.resolve(CSV_FILE), toCsv(), StandardCharsets.UTF_8));
        default ->
            throw new IllegalArgumentException(
                "unknown export format '" + format + "'; this model exports json and csv");
      }
    }
    return written;
  }

  private String toJson() {
    List<Object> classes = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      Map<String, Object> cls = new LinkedHashMap<>();
      cls.put("name", IrisData.CLASS_NAMES[c]);
      cls.put("bias", weights[c * (FEATURES + 1) + FEATURES]);
      double[] w = new double[FEATURES];
      System.arraycopy(weights, c * (FEATURES + 1), w, 0, FEATURES);
      cls.put("weights", w);
      classes.add(cls);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("model", "softmax-regression");
    model.put("features", List.of(IrisData.FEATURE_NAMES));
    model.put("feature_mean", data.means());
    model.put("feature_std", data.stdDevs());
    model.put("classes", classes);
    model.put("training_updates", updates);
    return JsonMap.of(model).toJson();
  }

  private String toCsv() {
    StringBuilder csv = new StringBuilder("class,bias");
    for (String f : IrisData.FEATURE_NAMES) csv.append(",w_").append(f);
    csv.append('\n');
    for (int c = 0; c < CLASSES; c++) {
      csv.append(IrisData.CLASS_NAMES[c])
          .append(',')
          .append(fmt(weights[c * (FEATURES + 1) + FEATURES]));
      for (int j = 0; j < FEATURES; j++)
        csv.append(',').append(fmt(weights[c * (FEATURES + 1) + j]));
      csv.append('\n');
    }
    return csv.toString();
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.17g", d);
  }
}

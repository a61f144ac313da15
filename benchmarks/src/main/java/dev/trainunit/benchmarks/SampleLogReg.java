package dev.trainunit.benchmarks;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The default trainable of {@link StepLatencyBenchmark}: logistic regression trained by one epoch
 * of SGD per step over a small synthetic data set, so that a run without {@code -p trainable=...}
 * still measures a step of realistic shape (a few microseconds to tens of microseconds).
 *
 * <p>Config: {@code lr} (default 0.1), {@code samples} (256), {@code features} (16), {@code seed}
 * (42).
 */
public final class SampleLogReg extends AbstractTrainable {

  private double[][] x;
  private double[] y;
  private double[] weights;
  private double lr;

  @Override
  protected void setup(Config config) {
    lr = config.getDouble("lr", 0.1);
    int samples = config.getInt("samples", 256);
    int features = config.getInt("features", 16);
    SplittableRandom random = new SplittableRandom(config.getLong("seed", 42));
    double[] truth = random.doubles(features, -1, 1).toArray();
    x = new double[samples][];
    y = new double[samples];
    for (int i = 0; i < samples; i++) {
      x[i] = random.doubles(features, -1, 1).toArray();
      y[i] = dot(truth, x[i]) + random.nextGaussian() * 0.1 > 0 ? 1 : 0;
    }
    weights = new double[features];
  }

  @Override
  protected Map<String, Object> step() {
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < x.length; i++) {
      double p = 1 / (1 + Math.exp(-dot(weights, x[i])));
      double g = p - y[i];
      for (int j = 0; j < weights.length; j++) weights[j] -= lr * g * x[i][j];
      loss -= y[i] == 1 ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12);
      if ((p > 0.5) == (y[i] == 1)) correct++;
    }
    return Map.of("loss", loss / x.length, "accuracy", (double) correct / x.length);
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
    return Map.of("weights", weights.clone());
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) {
    weights = checkpoint.data().getDoubleArray("weights");
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}

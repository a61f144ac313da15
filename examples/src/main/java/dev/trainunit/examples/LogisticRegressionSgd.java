package dev.trainunit.examples;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary logistic regression on the real Iris data set — "is this flower <i>Iris virginica</i>?" —
 * trained by mini-batch stochastic gradient descent with momentum.
 *
 * <p>One {@code step()} processes {@code batches_per_step} mini-batches of {@code batch_size}
 * flowers. The data is visited in a random order that is reshuffled at the start of every epoch.
 * The step reports the log loss and accuracy over all 150 flowers, so the metric stream is a pure
 * function of the model state.
 *
 * <p><b>What the checkpoint holds, and why.</b> It is written as a binary file ({@code
 * DataOutputStream} over {@code Checkpoint.output}, read back through {@code checkpoint.input}),
 * the way a model with large arrays would do it:
 *
 * <ul>
 *   <li>{@code weights} — the model itself (4 weights and a bias);
 *   <li>{@code velocity} — the momentum buffer: without it the first steps after a restore take a
 *       different path, because momentum starts again from zero;
 *   <li>the RNG state — the next epoch's shuffle must be the one the uninterrupted run would make;
 *   <li>{@code order} and {@code cursor} — where in the current epoch's order training stopped, so
 *       a restore in the middle of an epoch visits the remaining flowers, not a fresh shuffle;
 *   <li>{@code epoch} — the learning-rate schedule ({@code lr / (1 + lr_decay * epoch)}) reads it.
 * </ul>
 *
 * Hyperparameters are not in the checkpoint: they come from the config.
 *
 * <p>Config: {@code lr} (0.1), {@code momentum} (0.9), {@code lr_decay} (0.05), {@code batch_size}
 * (10), {@code batches_per_step} (5), {@code seed} (1).
 */
public class LogisticRegressionSgd extends AbstractTrainable {

  static final String STATE_FILE = "logreg-state.bin";
  private static final int FORMAT = 1;
  private static final int VIRGINICA = 2;

  private IrisData data;
  private double[] y;

  // hyperparameters (from the config)
  private double lr;
  private double momentum;
  private double lrDecay;
  private int batchSize;
  private int batchesPerStep;

  // training state (all of it in the checkpoint)
  private double[] weights; // [w0..w3, bias]
  private double[] velocity;
  private SplitMix64 rng;
  private int[] order;
  private int cursor;
  private long epoch;

  @Override
  protected void setup(Config config) {
    data = IrisData.load();
    y = new double[data.size()];
    for (int i = 0; i < y.length; i++) y[i] = data.labels()[i] == VIRGINICA ? 1.0 : 0.0;
    init(config);
  }

  /** Everything setup does that depends on the config; resetConfig calls it too. */
  private void init(Config config) {
    lr = config.getDouble("lr", 0.1);
    momentum = config.getDouble("momentum", 0.9);
    lrDecay = config.getDouble("lr_decay", 0.05);
    batchSize = config.getInt("batch_size", 10);
    batchesPerStep = config.getInt("batches_per_step", 5);
    weights = new double[5];
    velocity = new double[5];
    rng = new SplitMix64(config.getLong("seed", 1));
    order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    rng.shuffle(order);
    cursor = 0;
    epoch = 0;
  }

  @Override
  protected Map<String, Object> step() {
    double[] grad = new double[5];
    for (int b = 0; b < batchesPerStep; b++) {
      Arrays.fill(grad, 0.0);
      int n = 0;
      for (; n < batchSize && cursor < order.length; n++) {
        int i = order[cursor++];
        double err = predict(data.features()[i]) - y[i];
        for (int j = 0; j < 4; j++) grad[j] += err * data.features()[i][j];
        grad[4] += err;
      }
      double rate = lr / (1.0 + lrDecay * epoch);
      for (int j = 0; j < 5; j++) {
        velocity[j] = momentum * velocity[j] - rate * grad[j] / n;
        weights[j] += velocity[j];
      }
      if (cursor == order.length) { // end of epoch: reshuffle for the next one
        epoch++;
        cursor = 0;
        rng.shuffle(order);
      }
    }
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      double p = predict(data.features()[i]);
      loss -= y[i] * Math.log(Math.max(p, 1e-15)) + (1 - y[i]) * Math.log(Math.max(1 - p, 1e-15));
      if ((p >= 0.5) == (y[i] == 1.0)) correct++;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("loss", loss / y.length);
    metrics.put("accuracy", correct / (double) y.length);
    metrics.put("epoch", epoch);
    return metrics;
  }

  private double predict(double[] x) {
    double z = weights[4];
    for (int j = 0; j < 4; j++) z += weights[j] * x[j];
    return 1.0 / (1.0 + Math.exp(-z));
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws IOException {
    // Checkpoint.output is buffered and checksums the bytes as they are written.
    try (DataOutputStream out =
        new DataOutputStream(Checkpoint.output(checkpointDir, STATE_FILE))) {
      out.writeInt(FORMAT);
      writeDoubles(out, weights);
      writeDoubles(out, velocity);
      out.writeLong(rng.state());
      out.writeInt(order.length);
      for (int i : order) out.writeInt(i);
      out.writeInt(cursor);
      out.writeLong(epoch);
    }
    return null; // the state is in the file; nothing for the framework to store
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws IOException {
    Path file = checkpoint.path().resolve(STATE_FILE);
    // checkpoint.input is buffered and verifies the bytes against the checksum save() recorded.
    try (DataInputStream in = new DataInputStream(checkpoint.input(STATE_FILE))) {
      int format = in.readInt();
      if (format != FORMAT) throw new IOException(file + ": unknown format " + format);
      double[] w = readDoubles(in, 5, file);
      double[] v = readDoubles(in, 5, file);
      long rngState = in.readLong();
      int n = in.readInt();
      if (n != data.size())
        throw new IOException(file + ": order has " + n + " entries, expected " + data.size());
      int[] o = new int[n];
      for (int i = 0; i < n; i++) o[i] = in.readInt();
      int c = in.readInt();
      long e = in.readLong();
      // Replace the state only once the whole file has been read.
      weights = w;
      velocity = v;
      rng.setState(rngState);
      order = o;
      cursor = c;
      epoch = e;
    }
  }

  @Override
  protected boolean resetConfig(Config newConfig) {
    init(newConfig);
    return true;
  }

  private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double d : a) out.writeDouble(d);
  }

  private static double[] readDoubles(DataInputStream in, int expected, Path file)
      throws IOException {
    int n = in.readInt();
    if (n != expected)
      throw new IOException(file + ": array of " + n + " values, expected " + expected);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = in.readDouble();
    return a;
  }
}

package dev.trainunit.examples;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small multi-layer perceptron (2 inputs, one tanh hidden layer, a sigmoid output) that learns to
 * separate the two interleaved half-circles of the "two moons" data set, trained with Adam on
 * shuffled mini-batches.
 *
 * <p>The data is synthetic: {@code samples} points generated from {@code data_seed} with Gaussian
 * noise {@code noise}. It is rebuilt from the config in {@code setup}, so it is not training state
 * and is not checkpointed.
 *
 * <p>All parameters live in one flat vector {@code theta} (hidden weights, hidden biases, output
 * weights, output bias), so Adam's moments are vectors of the same length. <b>The checkpoint is a
 * map</b> that the framework stores as JSON (exact for doubles) and holds:
 *
 * <ul>
 *   <li>{@code theta} — the network;
 *   <li>{@code adam_m}, {@code adam_v} — Adam's first and second moment estimates. Leave them out
 *       and the restored run takes full-size steps where the original took damped ones;
 *   <li>{@code adam_t} — Adam's step count, used in the bias correction {@code 1 - beta^t};
 *   <li>{@code rng_state}, {@code order}, {@code cursor} — the shuffling generator and the position
 *       in the current epoch's order.
 * </ul>
 *
 * <p><b>Optional float32 checkpoints.</b> With {@code "checkpoint_precision": "float32"} the three
 * vectors are stored as the bits of 32-bit floats, as large models often do to halve checkpoint
 * size. Precision is then lost on purpose: a restored run follows the uninterrupted one only to
 * about 7 significant digits, and its tests declare a {@code tolerance} to say so.
 *
 * <p>Config: {@code hidden} (16), {@code lr} (0.01), {@code beta1} (0.9), {@code beta2} (0.999),
 * {@code batch_size} (32), {@code batches_per_step} (10), {@code samples} (256), {@code noise}
 * (0.15), {@code data_seed} (7), {@code seed} (1), {@code checkpoint_precision} ({@code "float64"}
 * or {@code "float32"}).
 */
public class TwoMoonsMlp extends AbstractTrainable {

  private static final double EPS = 1e-8;

  // data (a function of the config)
  private double[][] x;
  private double[] y;

  // hyperparameters
  private int hidden;
  private double lr;
  private double beta1;
  private double beta2;
  private int batchSize;
  private int batchesPerStep;
  private boolean float32Checkpoints;

  // training state (all of it in the checkpoint)
  private double[] theta;
  private double[] m;
  private double[] v;
  private long t;
  private SplitMix64 rng;
  private int[] order;
  private int cursor;

  @Override
  protected void setup(Config config) {
    init(config);
  }

  @Override
  protected boolean resetConfig(Config newConfig) {
    init(newConfig);
    return true;
  }

  private void init(Config config) {
    hidden = config.getInt("hidden", 16);
    lr = config.getDouble("lr", 0.01);
    beta1 = config.getDouble("beta1", 0.9);
    beta2 = config.getDouble("beta2", 0.999);
    batchSize = config.getInt("batch_size", 32);
    batchesPerStep = config.getInt("batches_per_step", 10);
    String precision = config.getString("checkpoint_precision", "float64");
    if (!precision.equals("float64") && !precision.equals("float32")) {
      throw new IllegalArgumentException(
          "checkpoint_precision must be \"float64\" or \"float32\", was \"" + precision + "\"");
    }
    float32Checkpoints = precision.equals("float32");
    makeMoons(
        config.getInt("samples", 256),
        config.getDouble("noise", 0.15),
        config.getLong("data_seed", 7));

    rng = new SplitMix64(config.getLong("seed", 1));
    theta = new double[hidden * 2 + hidden + hidden + 1];
    // Xavier-style initialisation of the weights; biases start at zero.
    for (int k = 0; k < hidden * 2; k++) theta[k] = rng.nextGaussian() * Math.sqrt(1.0 / 2);
    for (int k = 0; k < hidden; k++)
      theta[outW() + k] = rng.nextGaussian() * Math.sqrt(1.0 / hidden);
    m = new double[theta.length];
    v = new double[theta.length];
    t = 0;
    order = new int[x.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    rng.shuffle(order);
    cursor = 0;
  }

  // Layout of theta: [hidden x 2 weights][hidden biases][hidden output weights][output bias]
  private int hidB() {
    return hidden * 2;
  }

  private int outW() {
    return hidden * 3;
  }

  private int outB() {
    return hidden * 4;
  }

  private void makeMoons(int samples, double noise, long seed) {
    SplitMix64 r = new SplitMix64(seed);
    x = new double[samples][2];
    y = new double[samples];
    for (int i = 0; i < samples; i++) {
      double angle = Math.PI * r.nextDouble();
      if (i % 2 == 0) { // upper moon
        x[i][0] = Math.cos(angle);
        x[i][1] = Math.sin(angle);
        y[i] = 0;
      } else { // lower moon, shifted right and down
        x[i][0] = 1 - Math.cos(angle);
        x[i][1] = 0.5 - Math.sin(angle);
        y[i] = 1;
      }
      x[i][0] += noise * r.nextGaussian();
      x[i][1] += noise * r.nextGaussian();
    }
  }

  @Override
  protected Map<String, Object> step() {
    double[] grad = new double[theta.length];
    double[] h = new double[hidden];
    for (int b = 0; b < batchesPerStep; b++) {
      Arrays.fill(grad, 0.0);
      int n = 0;
      for (; n < batchSize && cursor < order.length; n++) {
        int i = order[cursor++];
        double p = forward(x[i], h);
        double dz = p - y[i]; // d(log loss)/d(output logit)
        for (int k = 0; k < hidden; k++) {
          grad[outW() + k] += dz * h[k];
          double dh = dz * theta[outW() + k] * (1 - h[k] * h[k]);
          grad[2 * k] += dh * x[i][0];
          grad[2 * k + 1] += dh * x[i][1];
          grad[hidB() + k] += dh;
        }
        grad[outB()] += dz;
      }
      adamUpdate(grad, n);
      if (cursor == order.length) {
        cursor = 0;
        rng.shuffle(order);
      }
    }
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < x.length; i++) {
      double p = forward(x[i], h);
      loss -= y[i] * Math.log(Math.max(p, 1e-15)) + (1 - y[i]) * Math.log(Math.max(1 - p, 1e-15));
      if ((p >= 0.5) == (y[i] == 1)) correct++;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("loss", loss / x.length);
    metrics.put("accuracy", correct / (double) x.length);
    metrics.put("adam_steps", t);
    return metrics;
  }

  private void adamUpdate(double[] grad, int n) {
    t++;
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    for (int k = 0; k < theta.length; k++) {
      double g = grad[k] / n;
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      theta[k] -= lr * (m[k] / c1) / (Math.sqrt(v[k] / c2) + EPS);
    }
  }

  /** The predicted probability of class 1; fills {@code h} with the hidden activations. */
  private double forward(double[] in, double[] h) {
    double z = theta[outB()];
    for (int k = 0; k < hidden; k++) {
      h[k] = Math.tanh(theta[2 * k] * in[0] + theta[2 * k + 1] * in[1] + theta[hidB() + k]);
      z += theta[outW() + k] * h[k];
    }
    return 1.0 / (1.0 + Math.exp(-z));
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("theta", encode(theta));
    state.put("adam_m", encode(m));
    state.put("adam_v", encode(v));
    state.put("adam_t", t);
    state.put("rng_state", rng.state());
    state.put("order", order.clone());
    state.put("cursor", cursor);
    return state;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) {
    JsonMap state = checkpoint.data();
    double[] newTheta = decode(state, "theta");
    if (newTheta.length != theta.length) {
      throw new IllegalArgumentException(
          "checkpoint has "
              + newTheta.length
              + " parameters, this network "
              + theta.length
              + " (hidden = "
              + hidden
              + "); was it saved with another 'hidden'?");
    }
    theta = newTheta;
    m = decode(state, "adam_m");
    v = decode(state, "adam_v");
    t = state.getLong("adam_t");
    rng.setState(state.getLong("rng_state"));
    order = state.getIntArray("order");
    cursor = state.getInt("cursor");
  }

  /** Exact doubles, or (float32 checkpoints) the bits of each value rounded to a float. */
  private Object encode(double[] values) {
    if (!float32Checkpoints) return values.clone();
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) bits[i] = Float.floatToIntBits((float) values[i]);
    return bits;
  }

  private double[] decode(JsonMap state, String key) {
    if (!float32Checkpoints) return state.getDoubleArray(key);
    int[] bits = state.getIntArray(key);
    double[] values = new double[bits.length];
    for (int i = 0; i < bits.length; i++) values[i] = Float.intBitsToFloat(bits[i]);
    return values;
  }
}

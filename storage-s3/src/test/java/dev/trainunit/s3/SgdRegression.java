package dev.trainunit.s3;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Linear regression on a stream of noisy samples ({@code y = 2 x0 - 3 x1 + 0.5 + noise}) by
 * stochastic gradient descent with momentum: every step draws a fresh mini-batch, so a restored run
 * matches an uninterrupted one only if the weights, the momentum buffer and the generator's state
 * all come back exactly.
 *
 * <p>The checkpoint holds the model as a binary file in a subdirectory ({@code model/state.bin},
 * written through {@code Checkpoint.output} and read through {@code checkpoint.input}) and the
 * number of samples seen as the stored map: a nested file, a streamed file and the dict form, each
 * of which must survive the trip through S3.
 *
 * <p>Config: {@code lr} (0.05), {@code momentum} (0.9), {@code batch} (16), {@code seed} (7).
 */
public class SgdRegression extends AbstractTrainable {

  static final String STATE_FILE = "model/state.bin";
  private static final int FORMAT = 1;

  private double lr;
  private double momentum;
  private int batch;

  private double[] weights;
  private double[] velocity;
  private long rng;
  private long samplesSeen;

  @Override
  protected void setup(Config config) {
    lr = config.getDouble("lr", 0.05);
    momentum = config.getDouble("momentum", 0.9);
    batch = config.getInt("batch", 16);
    weights = new double[3];
    velocity = new double[3];
    rng = config.getLong("seed", 7);
    samplesSeen = 0;
  }

  @Override
  protected Map<String, Object> step() {
    double[] grad = new double[3];
    double loss = 0;
    for (int i = 0; i < batch; i++) {
      double x0 = 2 * uniform() - 1;
      double x1 = 2 * uniform() - 1;
      double y = 2 * x0 - 3 * x1 + 0.5 + 0.1 * (uniform() - 0.5);
      double err = weights[0] * x0 + weights[1] * x1 + weights[2] - y;
      loss += err * err;
      grad[0] += err * x0;
      grad[1] += err * x1;
      grad[2] += err;
    }
    for (int j = 0; j < 3; j++) {
      velocity[j] = momentum * velocity[j] - lr * grad[j] / batch;
      weights[j] += velocity[j];
    }
    samplesSeen += batch;
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("loss", loss / batch);
    metrics.put("w0", weights[0]);
    metrics.put("w1", weights[1]);
    metrics.put("bias", weights[2]);
    metrics.put("samples_seen", samplesSeen);
    return metrics;
  }

  /** SplitMix64: the generator's whole state is one long, which the checkpoint keeps. */
  private double uniform() {
    long z = (rng += 0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(Checkpoint.output(checkpointDir, STATE_FILE))) {
      out.writeInt(FORMAT);
      for (double w : weights) out.writeDouble(w);
      for (double v : velocity) out.writeDouble(v);
      out.writeLong(rng);
    }
    return Map.of("samples_seen", samplesSeen);
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws IOException {
    try (DataInputStream in = new DataInputStream(checkpoint.input(STATE_FILE))) {
      int format = in.readInt();
      if (format != FORMAT) throw new IOException(STATE_FILE + ": unknown format " + format);
      double[] w = new double[3];
      double[] v = new double[3];
      for (int j = 0; j < 3; j++) w[j] = in.readDouble();
      for (int j = 0; j < 3; j++) v[j] = in.readDouble();
      long state = in.readLong();
      weights = w;
      velocity = v;
      rng = state;
    }
    samplesSeen = checkpoint.data().getLong("samples_seen");
  }
}

package dev.trainunit.benchmarks.engine;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A small, correct trainable for the engine benchmarks: fits y = 3x + 1 by SGD with momentum on
 * eight samples per step from a seeded SplitMix64 generator. Its step costs well under a
 * microsecond; its checkpoint is five numbers returned as data (no files of its own), so what the
 * benchmarks see is the cost of driving and checking it, not of the model.
 */
public class SmallModel extends AbstractTrainable {

  private double w;
  private double b;
  private double vw;
  private double vb;
  private long rng;
  private double lr;
  private double momentum;

  @Override
  protected void setup(Config config) {
    lr = config.getDouble("lr", 0.05);
    momentum = config.getDouble("momentum", 0.9);
    rng = config.getLong("seed", 42);
  }

  private double nextUniform() {
    rng += 0x9E3779B97F4A7C15L;
    long z = rng;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  @Override
  protected Map<String, Object> step() {
    double loss = 0;
    for (int i = 0; i < 8; i++) {
      double x = nextUniform() * 2 - 1;
      double err = w * x + b - (3 * x + 1);
      loss += err * err / 8;
      vw = momentum * vw - lr * err * x;
      vb = momentum * vb - lr * err;
      w += vw;
      b += vb;
    }
    Map<String, Object> metrics = new HashMap<>();
    metrics.put("loss", loss);
    metrics.put("w", w);
    return metrics;
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
    return Map.of("w", w, "b", b, "vw", vw, "vb", vb, "rng", rng);
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) {
    w = checkpoint.data().getDouble("w");
    b = checkpoint.data().getDouble("b");
    vw = checkpoint.data().getDouble("vw");
    vb = checkpoint.data().getDouble("vb");
    rng = checkpoint.data().getLong("rng");
  }

  /** Actor reuse: the state a fresh instance of {@code newConfig} starts from. */
  @Override
  protected boolean resetConfig(Config newConfig) {
    w = 0;
    b = 0;
    vw = 0;
    vb = 0;
    setup(newConfig);
    return true;
  }
}

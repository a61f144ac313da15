package com.acme;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fits y = 3x + 1 by SGD with momentum on seeded samples; weights, velocity and RNG state are all
 * checkpointed. It reports its throughput too, which no two runs agree on.
 */
public class CorrectModel extends AbstractTrainable {

  protected double w;
  protected double b;
  protected double vw;
  protected double vb;
  protected long rng;
  private double lr;
  private double momentum;

  @Override
  protected void setup(Config config) {
    lr = config.getDouble("lr", 0.05);
    momentum = config.getDouble("momentum", 0.9);
    rng = config.getLong("seed", 42);
    w = b = vw = vb = 0;
  }

  private double nextUniform() { // SplitMix64
    rng += 0x9E3779B97F4A7C15L;
    long z = rng;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
  }

  @Override
  protected Map<String, Object> step() {
    long start = System.nanoTime(); // a throughput read off the clock, as training loops report
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
    double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    return Map.of("loss", loss, "w", w, "samples_per_s", 8 / seconds);
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

  @Override
  protected boolean resetConfig(Config newConfig) {
    setup(newConfig);
    return true;
  }
}

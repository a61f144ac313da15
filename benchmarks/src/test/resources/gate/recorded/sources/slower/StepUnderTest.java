package gatedemo;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import java.util.Map;

/**
 * A real regression: the weights updated twice per step, and a small gradient summary allocated
 * every step (kept in a field, so the JIT cannot remove it).
 */
public final class StepUnderTest extends AbstractTrainable {

  private final double[] w = new double[256];
  private double[] lastSummary;

  @Override
  protected void setup(Config config) {}

  @Override
  protected Map<String, Object> step() {
    double loss = 0;
    for (int pass = 0; pass < 2; pass++) {
      loss = 0;
      for (int i = 0; i < w.length; i++) {
        double error = w[i] - 3.0;
        w[i] -= 0.005 * error;
        loss += error * error;
      }
    }
    lastSummary = new double[] {loss, w[0], w[w.length - 1], w.length};
    return Map.of("loss", loss);
  }
}

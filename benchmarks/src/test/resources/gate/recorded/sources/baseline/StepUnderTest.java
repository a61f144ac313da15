package gatedemo;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import java.util.Map;

/** The baseline of the recorded gate runs: one SGD step over 256 weights. */
public final class StepUnderTest extends AbstractTrainable {

  private final double[] w = new double[256];

  @Override
  protected void setup(Config config) {}

  @Override
  protected Map<String, Object> step() {
    double loss = 0;
    for (int i = 0; i < w.length; i++) {
      double error = w[i] - 3.0;
      w[i] -= 0.01 * error;
      loss += error * error;
    }
    return Map.of("loss", loss);
  }
}

package gatedemo;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import java.util.Map;

/**
 * A regression of the typical step only: a quarter more weights to update, no more allocation. The
 * mean, dominated by the tail (GC pauses, the machine's other work), hardly moves.
 */
public final class StepUnderTest extends AbstractTrainable {

  private final double[] w = new double[320];

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

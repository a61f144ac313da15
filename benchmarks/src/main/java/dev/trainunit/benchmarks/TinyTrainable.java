package dev.trainunit.benchmarks;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import java.util.Map;

/**
 * The smallest honest trainable: one gradient step on a scalar. Its {@link #step()} costs a few
 * nanoseconds, so whatever {@code train()} adds around it is what a benchmark sees.
 *
 * <p>{@code step()} is protected, so {@link #work()} exposes the very same work to the benchmark:
 * {@code step()} only calls it.
 */
public final class TinyTrainable extends AbstractTrainable {

  private double w;
  private double lr;

  @Override
  protected void setup(Config config) {
    lr = config.getDouble("lr", 0.01);
  }

  @Override
  protected Map<String, Object> step() {
    return work();
  }

  /** Exactly what {@link #step()} does: one SGD update of {@code w} towards 3, and its loss. */
  public Map<String, Object> work() {
    double error = w - 3.0;
    w -= lr * error;
    return Map.of("loss", error * error);
  }
}

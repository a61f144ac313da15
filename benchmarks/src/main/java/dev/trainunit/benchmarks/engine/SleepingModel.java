package dev.trainunit.benchmarks.engine;

import dev.trainunit.annotations.Trainable;
import java.util.Map;

/**
 * {@link SmallModel} whose step also sleeps {@value #STEP_MILLIS} ms: a stand-in for a real model,
 * whose steps take long enough that what the check catalogue costs is its number of steps, not the
 * framework's overhead. Declared for the engine with the defaults a user starts from: one config,
 * 10 iterations, every check.
 */
@Trainable(iterations = 10)
public class SleepingModel extends SmallModel {

  public static final int STEP_MILLIS = 10;

  @Override
  protected Map<String, Object> step() {
    try {
      Thread.sleep(STEP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted in a step", e);
    }
    return super.step();
  }
}

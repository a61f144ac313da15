package dev.trainunit;

import java.util.Objects;

/**
 * Where one trainable is in its life: built (its constructor ran), started (bound to its trial by
 * {@link TrainableFactory}) or stopped. Refuses what does not fit, with a message naming the
 * trainable's class and what to do instead.
 */
final class Lifecycle {

  private final Class<?> trainableClass;
  private Trial trial;
  private boolean stopped;

  Lifecycle(Class<?> trainableClass) {
    this.trainableClass = trainableClass;
  }

  void start(Trial trial) {
    this.trial = Objects.requireNonNull(trial, "trial");
  }

  /** The trial, from {@code setup} on. */
  Trial trial() {
    if (trial == null) throw notStarted("the trial");
    return trial;
  }

  IllegalStateException notStarted(String what) {
    return new IllegalStateException(
        trainableClass.getName()
            + ": "
            + what
            + " is not available in the constructor; use it from setup() on (instances are built by TrainableFactory)");
  }

  /** Refuses a call of the framework method {@code method} before start or after stop. */
  void requireRunning(String method) {
    if (trial == null || stopped) {
      throw new IllegalStateException(
          trainableClass.getName()
              + "."
              + method
              + "() called "
              + (trial == null
                  ? "on an instance that was not built by TrainableFactory.create"
                  : "after stop(); a stopped trainable cannot be used again, build a new one"));
    }
  }

  /**
   * Stops the trainable; {@code stop()} itself is refused from now on, as every framework method.
   */
  void stop() {
    requireRunning("stop");
    stopped = true;
  }

  boolean isStopped() {
    return stopped;
  }
}

package dev.trainunit.engine.run;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How an instance's life ended, as the lifecycle check judges it: whether {@code stop()} succeeded,
 * and whether a second {@code stop()} and a {@code train()} after it were refused.
 *
 * @param stopFailure what {@code stop()} threw, if anything
 * @param secondStopRefused a second {@code stop()} threw IllegalStateException
 * @param trainAfterStopRefused {@code train()} after {@code stop()} threw IllegalStateException
 */
@API(status = API.Status.INTERNAL)
public record LifecycleEnd(
    Optional<RuntimeException> stopFailure,
    boolean secondStopRefused,
    boolean trainAfterStopRefused) {

  /** Stops {@code driver} and tries what a stopped trainable must refuse. */
  static LifecycleEnd of(TrainableDriver driver) {
    try {
      driver.stop();
    } catch (RuntimeException e) {
      return new LifecycleEnd(Optional.of(e), false, false);
    }
    return new LifecycleEnd(Optional.empty(), refused(driver::stop), refused(driver::train));
  }

  private static boolean refused(Runnable call) {
    try {
      call.run();
      return false;
    } catch (IllegalStateException expected) {
      return true;
    }
  }
}

package dev.trainunit.engine.run;

import dev.trainunit.TrainableException;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A hook did not return in time. The cause carries the stack of the stuck thread at the moment the
 * time ran out, so the report shows where it hangs.
 */
@API(status = API.Status.INTERNAL)
public final class StepTimeoutException extends TrainableException {

  private static final long serialVersionUID = 1L;

  StepTimeoutException(
      String trainable, String call, Duration timeout, Thread stuck, StackTraceElement[] stack) {
    super(
        trainable
            + "."
            + call
            + " did not return within "
            + timeout
            + " (trainunit.step.timeout or @Trainable(stepTimeout)); its thread '"
            + stuck.getName()
            + "' was interrupted. Stack of the stuck thread:"
            + System.lineSeparator()
            + format(stack),
        stuckThread(stuck, stack));
  }

  private static String format(StackTraceElement[] stack) {
    StringBuilder sb = new StringBuilder();
    for (StackTraceElement e : stack) sb.append("\tat ").append(e).append(System.lineSeparator());
    return sb.toString();
  }

  private static Throwable stuckThread(Thread stuck, StackTraceElement[] stack) {
    Throwable t = new Throwable("stack of stuck thread '" + stuck.getName() + "'");
    t.setStackTrace(stack);
    return t;
  }
}

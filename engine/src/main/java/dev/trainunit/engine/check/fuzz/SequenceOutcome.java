package dev.trainunit.engine.check.fuzz;

import dev.trainunit.engine.run.Divergence;
import dev.trainunit.engine.run.StepTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What running a sequence gave: the operations as they happened, and where it failed, if it did.
 */
@API(status = API.Status.INTERNAL)
public final class SequenceOutcome {

  private final List<String> steps = new ArrayList<>();
  private int failedAt = -1;
  private String failure;
  private Divergence divergence;
  private Throwable cause;

  SequenceOutcome() {}

  /** The operations as they happened, e.g. {@code save#1 (iteration 3)}, up to the failing one. */
  public List<String> steps() {
    return Collections.unmodifiableList(steps);
  }

  public boolean failed() {
    return failedAt >= 0;
  }

  /**
   * A step that timed out says nothing about the sequence: neither shrinking nor the message may
   * lean on it.
   */
  public boolean timedOut() {
    return cause instanceof StepTimeoutException;
  }

  /** The index of the failing operation, or -1. */
  public int failedAt() {
    return failedAt;
  }

  /** Why the sequence failed, or null. */
  public String failure() {
    return failure;
  }

  /** The divergence from the reference run it failed on, or null. */
  public Divergence divergence() {
    return divergence;
  }

  /** What an operation threw, or null. */
  public Throwable cause() {
    return cause;
  }

  void step(String step) {
    steps.add(step);
  }

  void fail(int index, String why) {
    failedAt = index;
    failure = why;
  }

  void diverged(Divergence d) {
    divergence = d;
  }

  void threw(Throwable t) {
    cause = t;
  }
}

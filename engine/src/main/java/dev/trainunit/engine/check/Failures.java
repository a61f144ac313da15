package dev.trainunit.engine.check;

import dev.trainunit.engine.run.Divergence;
import org.opentest4j.AssertionFailedError;

/** Builds check failures whose messages a model author can act on. */
final class Failures {

  private Failures() {}

  /**
   * "after restoring the checkpoint taken at iteration 5, iteration 6 diverged: loss 0.42 in the
   * uninterrupted run, 0.59 after restore — state missing from saveCheckpoint? ..."
   */
  static AssertionFailedError diverged(String situation, Divergence d, String expectedRun, String actualRun,
      String likelyCause) {
    String message = situation + ", " + d.describe(expectedRun, actualRun) + " — " + likelyCause;
    return new AssertionFailedError(message, d.expected(), d.actual());
  }

  static AssertionFailedError failed(String message) {
    return new AssertionFailedError(message);
  }

  static AssertionFailedError failed(String message, Throwable cause) {
    return new AssertionFailedError(message + ": " + cause, cause);
  }
}

package dev.trainunit.engine.check;

import dev.trainunit.engine.run.Divergence;
import java.util.List;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/** Builds check failures whose messages a model author can act on. */
final class Failures {

  private Failures() {}

  /**
   * "after restoring the checkpoint taken at iteration 5, iteration 6 diverged: loss 0.42 in the
   * uninterrupted run, 0.59 after restore — state missing from saveCheckpoint? ...", carrying the
   * two compared streams (their first elements are of iteration {@code firstIteration}) for the
   * report's overlay, and what the likely cause's evidence could not find out.
   */
  static DivergenceFailure diverged(
      String situation,
      Divergence d,
      String expectedRun,
      String actualRun,
      LikelyCause.Explanation likelyCause,
      List<Map<String, Object>> expected,
      List<Map<String, Object>> actual,
      long firstIteration) {
    String message =
        situation + ", " + d.describe(expectedRun, actualRun) + " — " + likelyCause.text();
    return likelyCause.attachTo(
        new DivergenceFailure(
            message, d, expectedRun, actualRun, expected, actual, firstIteration));
  }

  static AssertionFailedError failed(String message) {
    return new AssertionFailedError(message);
  }

  static AssertionFailedError failed(String message, Throwable cause) {
    return new AssertionFailedError(message + ": " + cause, cause);
  }
}

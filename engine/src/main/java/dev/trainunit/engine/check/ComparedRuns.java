package dev.trainunit.engine.check;

import dev.trainunit.engine.run.Divergence;
import dev.trainunit.engine.run.StreamComparison;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Two metric streams a check expects to agree, with the words its failure names them by: the one
 * sequence "compare → first divergence → failure that says where, by how much and why" that every
 * comparing check ends in.
 *
 * @param situation what happened before the streams, e.g. "after restoring the checkpoint taken at
 *     iteration 5"
 * @param expectedRun where the expected stream comes from, e.g. "in the uninterrupted run"
 * @param expected the expected stream's comparable results
 * @param actualRun where the actual stream comes from, e.g. "after restore"
 * @param actual the actual stream's comparable results
 * @param firstIteration the training_iteration of each stream's first element
 */
record ComparedRuns(
    String situation,
    String expectedRun,
    List<Map<String, Object>> expected,
    String actualRun,
    List<Map<String, Object>> actual,
    long firstIteration) {

  /**
   * Fails when the streams part. The likely cause is asked for only then, because finding its
   * evidence may train instances of its own.
   */
  void requireSame(StreamComparison comparison, Supplier<LikelyCause.Explanation> likelyCause) {
    comparison
        .firstDivergence(expected, actual)
        .ifPresent(
            d -> {
              throw failure(d, likelyCause.get());
            });
  }

  /**
   * "after restoring the checkpoint taken at iteration 5, iteration 6 diverged: loss 0.42 in the
   * uninterrupted run, 0.59 after restore — state missing from saveCheckpoint? ...", carrying both
   * streams for the report's overlay, and what the likely cause's evidence could not find out.
   */
  DivergenceFailure failure(Divergence d, LikelyCause.Explanation likelyCause) {
    String message =
        situation + ", " + d.describe(expectedRun, actualRun) + " — " + likelyCause.text();
    return likelyCause.attachTo(
        new DivergenceFailure(
            message, d, expectedRun, actualRun, expected, actual, firstIteration));
  }
}

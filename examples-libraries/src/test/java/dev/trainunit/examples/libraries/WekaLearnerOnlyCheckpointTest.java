package dev.trainunit.examples.libraries;

import dev.trainunit.annotations.Trainable;
import org.junit.jupiter.api.Test;

/**
 * What a user sees who checkpoints a Weka incremental learner without its stream ({@link
 * WekaLearnerOnlyCheckpoint}): the message the module's README quotes, word for word.
 */
class WekaLearnerOnlyCheckpointTest {

  static final String MESSAGE =
      "after restoring the checkpoint taken at iteration 1, iteration 2 diverged: accuracy 0.985 in"
          + " the uninterrupted run, 0.99 after restore (difference 0.00500000) — state missing"
          + " from saveCheckpoint? Optimizer moments (momentum, Adam m/v and step), RNG state and"
          + " the data-loader position are the usual suspects. Fields that differ right after"
          + " restoring the checkpoint of iteration 1: position (int, saved 50, restored 0)";

  @Trainable(value = WekaLearnerOnlyCheckpoint.class, iterations = 6)
  static class Declaration {}

  @Test
  void saveRestoreFailsNamingTheStreamPosition() {
    BrokenVariants.assertFailsWith(Declaration.class, "save-restore", MESSAGE);
  }
}

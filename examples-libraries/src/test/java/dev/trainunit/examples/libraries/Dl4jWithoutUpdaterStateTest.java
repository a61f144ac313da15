package dev.trainunit.examples.libraries;

import dev.trainunit.annotations.Trainable;
import org.junit.jupiter.api.Test;

/**
 * What a user sees who writes a DL4J network with {@code saveUpdater = false} ({@link
 * Dl4jWithoutUpdaterState}): the message the module's README quotes, word for word.
 */
class Dl4jWithoutUpdaterStateTest {

  static final String MESSAGE =
      "after restoring the checkpoint taken at iteration 1, iteration 2 diverged: accuracy 0.66"
          + " in the uninterrupted run, 0.69333333 after restore (difference 0.0333333) — state"
          + " missing from saveCheckpoint? Optimizer moments (momentum, Adam m/v and step), RNG"
          + " state and the data-loader position are the usual suspects. Fields that differ right"
          + " after restoring the checkpoint of iteration 1: net (MultiLayerNetwork, differs)";

  @Trainable(value = Dl4jWithoutUpdaterState.class, iterations = 6, stepTimeout = "2m")
  static class Declaration {}

  @Test
  void saveRestoreFailsForTheMissingAdamMoments() {
    BrokenVariants.assertFailsWith(Declaration.class, "save-restore", MESSAGE);
  }
}

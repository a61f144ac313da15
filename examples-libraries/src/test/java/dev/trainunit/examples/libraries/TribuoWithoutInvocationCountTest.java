package dev.trainunit.examples.libraries;

import dev.trainunit.annotations.Trainable;
import org.junit.jupiter.api.Test;

/**
 * What a user sees who checkpoints a Tribuo model without its trainer's invocation count ({@link
 * TribuoWithoutInvocationCount}): the message the module's README quotes, word for word.
 */
class TribuoWithoutInvocationCountTest {

  static final String MESSAGE =
      "after restoring the checkpoint taken at iteration 1, iteration 2 diverged: log_loss"
          + " 0.5282124019464881 in the uninterrupted run, 0.5192277417768981 after restore"
          + " (difference 0.00898466) — state missing from saveCheckpoint? Optimizer moments"
          + " (momentum, Adam m/v and step), RNG state and the data-loader position are the usual"
          + " suspects. Fields that differ right after restoring the checkpoint of iteration 1:"
          + " model (LinearSGDModel, first at .provenance: ModelProvenance, differs), trainer"
          + " (LinearSGDTrainer, first at .rng: SplittableRandom, not comparable:"
          + " java.util.SplittableRandom is not Serializable)";

  @Trainable(value = TribuoWithoutInvocationCount.class, iterations = 6)
  static class Declaration {}

  @Test
  void saveRestoreFailsNamingTheInvocationCount() {
    BrokenVariants.assertFailsWith(Declaration.class, "save-restore", MESSAGE);
  }
}

package dev.trainunit.examples.libraries;

import dev.trainunit.annotations.Trainable;
import org.junit.jupiter.api.Test;

/**
 * What a user sees who checkpoints a DJL model with {@code Model.save} alone ({@link
 * DjlWithoutOptimizerState}): the message the module's README quotes, word for word.
 */
class DjlWithoutOptimizerStateTest {

  static final String MESSAGE =
      "after restoring the checkpoint taken at iteration 1, iteration 2 diverged: accuracy"
          + " 0.66666666 in the uninterrupted run, 0.71333333 after restore (difference 0.0466667)"
          + " — state missing from saveCheckpoint? Optimizer moments (momentum, Adam m/v and step),"
          + " RNG state and the data-loader position are the usual suspects. Fields that differ"
          + " right after restoring the checkpoint of iteration 1: model (PtModel, first at"
          + " .modelDir: saved null, restored UnixPath), trainer (Trainer, first at"
          + " .manager.parent.uid: saved \"818f57f7-81ad-40a9-aaed-5cb49eda6066\", restored"
          + " \"27a0d2c2-e54d-4f3d-b706-995c897a5b6b\"), adam.means (HashMap, saved 6 entries,"
          + " restored 0), adam.variances (HashMap, saved 6 entries, restored 0), adam.steps"
          + " (HashMap, saved 6 entries, restored 0)";

  @Trainable(value = DjlWithoutOptimizerState.class, iterations = 6, stepTimeout = "2m")
  static class Declaration {}

  @Test
  void saveRestoreFailsForTheMissingAdamState() {
    BrokenVariants.assertFailsWith(Declaration.class, "save-restore", MESSAGE);
  }
}

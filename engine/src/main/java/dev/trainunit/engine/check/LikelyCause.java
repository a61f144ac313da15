package dev.trainunit.engine.check;

import java.util.List;
import java.util.Optional;

/**
 * The likely cause a failing comparison check names, and the one place that words it. The checks
 * fail on their own evidence; the cause they name rests on shared {@link Evidence} about the
 * subject, so that one bug gets one explanation whichever checks it fails: a checkpoint that misses
 * the momentum is "state missing from saveCheckpoint" in save-restore, fresh-jvm-restore and
 * lifecycle-fuzz alike, and a trainable that is simply not reproducible is named so by every check
 * it fails, not blamed on what each check happens to exercise.
 *
 * <p>Not reproducible comes first: when two fresh instances already disagree, no other comparison
 * can be read. A failing restore is put down to state missing from the checkpoint unless a restore
 * in this JVM is shown to continue exactly; every other cause is named only when the evidence shows
 * the part it blames is broken. Evidence that could not be found out blames nothing, and the text
 * says only what was found out.
 */
final class LikelyCause {

  static final String NOT_REPRODUCIBLE =
      "the trainable is not reproducible: an unseeded random number generator, "
          + "iteration over a HashMap/HashSet, wall-clock time or state kept in static fields are the usual causes; "
          + "seed every RNG from the config";

  static final String MISSING_FROM_CHECKPOINT =
      "state missing from saveCheckpoint? Optimizer moments (momentum, "
          + "Adam m/v and step), RNG state and the data-loader position are the usual suspects";

  static final String KEPT_IN_MEMORY =
      "state kept in static fields, or a checkpoint that holds references (ids, keys "
          + "into a cache, handles) instead of the state itself? saveCheckpoint must write everything the model needs "
          + "into the checkpoint; a new process has none of this one's memory";

  static final String ADDS_TO_STATE =
      "loadCheckpoint must replace the current state, not add to it or keep parts of "
          + "it: Tune restores into instances that have already trained (population-based training does it all the "
          + "time); assign every field from the checkpoint, clear collections before filling them";

  static final String RESET_KEEPS_STATE =
      "resetConfig returned true but kept state from before the reset: "
          + "re-initialise weights, optimizer state (momentum, Adam moments and step) and RNGs from the config it is "
          + "given, as setup does";

  static final String RESULT_CHANGED =
      "a result changed after it was returned? step() must return a new map each "
          + "time, not reuse and mutate one";

  static final String TRAINING_DRIVEN =
      "the results depend on how training was driven (train vs trainBuffered, "
          + "when save was called): save() and trainBuffered() must not change the training state";

  static final String SAVES_CHANGE_TRAINING =
      "save() changed the training state: saveCheckpoint must only read the "
          + "model (no RNG draw, no buffer flushed or reset, no optimizer step)";

  static final String REUSE_DIFFERS =
      "loadCheckpoint depends on what the instance did before it: population-based training "
          + "with reused actors calls reset(new config) and then restores the exploited trial's "
          + "checkpoint, which must continue exactly as in a fresh instance of the new config; "
          + "resetConfig must leave the instance as setup leaves it, and loadCheckpoint must "
          + "restore every field whatever the instance held";

  static final String FRESH_RUNS_DISAGREE =
      "two fresh instances with the same config already disagree, so ";
  static final String RESTORE_IN_PROCESS_DIFFERS =
      "a checkpoint restored into a fresh instance in this JVM does not "
          + "continue exactly either: ";
  static final String RESTORE_IN_PROCESS_EXACT =
      "a checkpoint restored into a fresh instance in this JVM continues "
          + "exactly, so what the new JVM lacks lives in this one's memory: ";
  static final String RESTORE_INTO_USED_DIFFERS =
      "a checkpoint restored into a fresh instance continues exactly, "
          + "restored into one that has trained it does not: ";

  /**
   * A likely cause, and the exceptions of the evidence that could not be found out for it (for the
   * failure to carry as suppressed exceptions).
   */
  record Explanation(String text, List<RuntimeException> unknown) {

    Explanation {
      unknown = List.copyOf(unknown);
    }

    /**
     * This explanation followed by {@code evidence}, e.g. the fields that differ after the restore.
     */
    Explanation followedBy(Optional<String> evidence) {
      return evidence
          .map(
              e ->
                  new Explanation(
                      text + ". " + Character.toUpperCase(e.charAt(0)) + e.substring(1), unknown))
          .orElse(this);
    }

    /** Attaches what could not be found out to {@code failure}; returns it. */
    <E extends Throwable> E attachTo(E failure) {
      unknown.forEach(failure::addSuppressed);
      return failure;
    }
  }

  /** What the failing lifecycle-fuzz sequence did: the operations that name a cause. */
  record Sequence(
      boolean restores, boolean restoresIntoTrained, boolean resets, boolean trainsBuffered) {}

  private LikelyCause() {}

  /** determinism: two fresh instances disagree, which is the evidence itself. */
  static Explanation ofFreshRunsDiffering() {
    return new Explanation(NOT_REPRODUCIBLE, List.of());
  }

  /** determinism: a run that takes checkpoints parts from two that take none, which agree. */
  static Explanation ofSavesChangingTraining() {
    return new Explanation(SAVES_CHANGE_TRAINING, List.of());
  }

  /** save-restore: a restore into a fresh instance does not continue as the saved instance does. */
  static Explanation ofRestoreDiffering(CheckContext context) {
    return unlessNotReproducible(new Evidence(context), MISSING_FROM_CHECKPOINT);
  }

  /** fresh-jvm-restore: a restore in a new JVM does not continue as the saved instance does. */
  static Explanation ofFreshJvmRestoreDiffering(CheckContext context) {
    Evidence evidence = new Evidence(context);
    if (notReproducible(evidence))
      return explained(evidence, FRESH_RUNS_DISAGREE + NOT_REPRODUCIBLE);
    Optional<Evidence.Restores> restores = evidence.restores();
    if (restores.isPresent() && restores.get().intoFreshExact()) {
      return explained(evidence, RESTORE_IN_PROCESS_EXACT + KEPT_IN_MEMORY);
    }
    return explained(evidence, missingFromCheckpoint(restores));
  }

  /** train-buffered: trainBuffered does not give what repeated train() gave the reference run. */
  static Explanation ofBufferedDiffering(CheckContext context) {
    return unlessNotReproducible(new Evidence(context), RESULT_CHANGED);
  }

  /** reset-config: a reset instance does not run as a fresh one. */
  static Explanation ofResetDiffering(CheckContext context) {
    return unlessNotReproducible(new Evidence(context), RESET_KEEPS_STATE);
  }

  /**
   * pbt-exploit: restored into an instance reused through reset(), a checkpoint continues unlike in
   * a fresh instance of the same config.
   */
  static Explanation ofReuseDiffering(CheckContext context) {
    Evidence evidence = new Evidence(context);
    if (notReproducible(evidence))
      return explained(evidence, FRESH_RUNS_DISAGREE + NOT_REPRODUCIBLE);
    if (isFalse(evidence.resetExact())) return explained(evidence, RESET_KEEPS_STATE);
    Optional<Evidence.Restores> restores = evidence.restores();
    if (restores.isPresent() && restores.get().intoFreshExact() && !restores.get().intoUsedExact())
      return explained(evidence, RESTORE_INTO_USED_DIFFERS + ADDS_TO_STATE);
    return explained(evidence, REUSE_DIFFERS);
  }

  /** lifecycle-fuzz: a sequence of operations failed. */
  static Explanation ofSequenceFailing(CheckContext context, Sequence sequence) {
    Evidence evidence = new Evidence(context);
    if (notReproducible(evidence))
      return explained(evidence, FRESH_RUNS_DISAGREE + NOT_REPRODUCIBLE);
    if (sequence.restores()) {
      Optional<Evidence.Restores> restores = evidence.restores();
      if (restores.isEmpty() || !restores.get().intoFreshExact())
        return explained(evidence, missingFromCheckpoint(restores));
      if (sequence.restoresIntoTrained() && !restores.get().intoUsedExact()) {
        return explained(evidence, RESTORE_INTO_USED_DIFFERS + ADDS_TO_STATE);
      }
    }
    if (sequence.resets() && isFalse(evidence.resetExact()))
      return explained(evidence, RESET_KEEPS_STATE);
    if (sequence.trainsBuffered() && isFalse(evidence.bufferedAgrees()))
      return explained(evidence, RESULT_CHANGED);
    return explained(evidence, TRAINING_DRIVEN);
  }

  /**
   * The save-restore explanation, saying that a restore in this JVM diverges too when that was
   * found out.
   */
  private static String missingFromCheckpoint(Optional<Evidence.Restores> restores) {
    return restores.isPresent()
        ? RESTORE_IN_PROCESS_DIFFERS + MISSING_FROM_CHECKPOINT
        : MISSING_FROM_CHECKPOINT;
  }

  private static Explanation unlessNotReproducible(Evidence evidence, String cause) {
    return explained(
        evidence, notReproducible(evidence) ? FRESH_RUNS_DISAGREE + NOT_REPRODUCIBLE : cause);
  }

  private static boolean notReproducible(Evidence evidence) {
    return isFalse(evidence.freshRunsAgree());
  }

  private static boolean isFalse(Optional<Boolean> fact) {
    return fact.isPresent() && !fact.get();
  }

  private static Explanation explained(Evidence evidence, String text) {
    return new Explanation(text, evidence.unknown());
  }
}

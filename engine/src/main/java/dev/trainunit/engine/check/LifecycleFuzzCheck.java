package dev.trainunit.engine.check;

import dev.trainunit.engine.check.fuzz.FuzzOperation;
import dev.trainunit.engine.check.fuzz.FuzzSequenceGenerator;
import dev.trainunit.engine.check.fuzz.SequenceOutcome;
import dev.trainunit.engine.check.fuzz.SequenceRun;
import dev.trainunit.engine.check.fuzz.SequenceShrinker;
import dev.trainunit.engine.config.Constants;
import dev.trainunit.engine.run.TrialSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.opentest4j.AssertionFailedError;

/**
 * {@code lifecycle-fuzz}: seeded random sequences of train, trainBuffered, save, restore (into a
 * fresh instance and into the current, already trained one, from the sequence's own checkpoints and
 * from the reference run's) and reset (to the same config) agree with the reference run: every
 * result at training_iteration i equals the reference run's result i.
 *
 * <p><b>Budget.</b> The check spends what the step budget leaves: {@code stepBudget} × the
 * reference run's length, less the shared runs and what every other check running beside it plans
 * to spend ({@link CheckContext#stepsLeftInBudget()}). Restoring the reference run's checkpoints
 * reaches late iterations without training a prefix again. After the random sequences, a fixed
 * closing sequence ({@link FuzzSequenceGenerator#closing}) tries every kind of operation once, in
 * the orders that break real trainables; its steps are kept aside, so a small budget still covers
 * them, and it runs even when the other checks leave nothing (its at most six steps are the check's
 * floor; a report entry says so).
 *
 * <p>Sequences stay within the reference run's length. An operation that does not apply when it
 * comes (training past the reference run, restoring a checkpoint never taken, a reset that {@code
 * resetConfig} refuses) does nothing, so any sub-sequence of a sequence can be run, which is what
 * shrinking needs: a failing sequence is reduced, by removing operations while it still fails, to a
 * minimal one that the failure message shows. Sequence i of a run uses seed {@code base + i *
 * 0x9E3779B97F4A7C15}; the message gives the failing sequence's own seed, and {@code
 * -Dtrainunit.fuzz.seed=<it>} makes it the first sequence of the next run.
 *
 * <p>The bug only this check finds: a {@code loadCheckpoint} that adds to the current state instead
 * of replacing it, which restores a fresh instance perfectly.
 *
 * <p>Generating, running and shrinking sequences is {@link dev.trainunit.engine.check.fuzz}'s; this
 * class wires them and words the failure.
 */
final class LifecycleFuzzCheck implements Check {

  static final long SEED_STEP = 0x9E3779B97F4A7C15L;

  @Override
  public String id() {
    return "lifecycle-fuzz";
  }

  @Override
  public String description() {
    return "seeded random sequences of train / save / restore / reset / trainBuffered agree with the reference run; "
        + "a failure is shrunk to a minimal sequence and reports the seed that replays it";
  }

  @Override
  public Set<String> tags() {
    return Set.of(CheckTags.CHECKPOINT, CheckTags.FUZZ, CheckTags.SLOW);
  }

  @Override
  public void run(CheckContext context) {
    TrialSubject subject = context.subject();
    long base = subject.settings().fuzzSeed().orElse(defaultSeed(subject));
    int runs = subject.settings().fuzzRuns();
    List<Map<String, Object>> reference = context.referenceComparable();
    int length = reference.size();
    context.report("fuzz-seed", Long.toString(base));
    if (!context.declaration().deterministic()) {
      context.report("fuzz-compared", "counters only: @Trainable(deterministic = false)");
    }
    long budget = context.stepsLeftInBudget();
    List<Integer> recorded =
        context.reference().saveFailure().isPresent()
            ? List.of()
            : context.reference().checkpointIterations();
    // The closing sequence's steps are kept aside, so that every kind of operation is tried
    // however small the budget; the random sequences spend the rest.
    List<FuzzOperation> closing = FuzzSequenceGenerator.closing(recorded);
    long spent = FuzzSequenceGenerator.steps(closing);
    int ran = 0;
    for (int i = 0; i < runs && spent < budget; i++) {
      long seed = base + i * SEED_STEP;
      List<FuzzOperation> ops =
          FuzzSequenceGenerator.generate(seed, length, recorded, budget - spent);
      spent += FuzzSequenceGenerator.steps(ops);
      ran++;
      int run = i;
      runAndShrink(
          context,
          reference,
          "fuzz-" + i,
          ops,
          failed -> failure(context, run, runs, seed, ops.size(), failed));
    }
    runAndShrink(
        context,
        reference,
        "fuzz-closing",
        closing,
        failed -> closingFailure(context, closing.size(), failed));
    ran++;
    context.report(
        "fuzz-runs",
        ran
            + " sequences, "
            + spent
            + " steps of a budget of "
            + budget
            + (spent > budget
                ? ": the other checks leave less than the closing sequence needs; raise "
                    + Constants.STEP_BUDGET
                    + " (or @Trainable(stepBudget)) for random sequences"
                : ""));
  }

  /** Whatever the budget leaves after the other checks' plans; it never plans a fixed amount. */
  @Override
  public long plannedSteps(CheckContext context) {
    return 0;
  }

  /**
   * Runs one sequence; when it fails, shrinks it to a minimal failing one (unless it timed out) and
   * throws what {@code failure} makes of that.
   */
  private static void runAndShrink(
      CheckContext context,
      List<Map<String, Object>> reference,
      String label,
      List<FuzzOperation> ops,
      Function<SequenceOutcome, AssertionError> failure) {
    SequenceOutcome outcome = new SequenceRun(context, reference, label).execute(ops);
    if (!outcome.failed()) return;
    if (outcome.timedOut()) throw failure.apply(outcome);
    SequenceShrinker shrinker =
        new SequenceShrinker(
            (candidate, attempt) ->
                new SequenceRun(context, reference, label + "-shrink-" + attempt)
                    .execute(candidate));
    throw failure.apply(shrinker.shrink(ops.subList(0, outcome.failedAt() + 1), outcome).outcome());
  }

  private static AssertionError closingFailure(
      CheckContext context, int originalSize, SequenceOutcome outcome) {
    return failure(
        context,
        "lifecycle-fuzz's closing sequence (the same in every run, after the random ones) failed",
        originalSize,
        outcome);
  }

  /**
   * A seed of the trainable's own, the same in every run, so that failures reproduce without
   * setting one.
   */
  static long defaultSeed(TrialSubject subject) {
    return subject.declaration().trainableClass().getName().hashCode() * 1_000_003L
        + subject.configIndex();
  }

  private static AssertionError failure(
      CheckContext context,
      int run,
      int runs,
      long seed,
      int originalSize,
      SequenceOutcome outcome) {
    return failure(
        context,
        "lifecycle-fuzz sequence "
            + (run + 1)
            + " of at most "
            + runs
            + " failed (seed "
            + seed
            + "; -Dtrainunit.fuzz.seed="
            + seed
            + " replays it first)",
        originalSize,
        outcome);
  }

  private static AssertionError failure(
      CheckContext context, String which, int originalSize, SequenceOutcome outcome) {
    // A sequence cut short by a timeout says nothing about the trainable's state: no cause is
    // named.
    LikelyCause.Explanation cause =
        outcome.timedOut() ? null : LikelyCause.ofSequenceFailing(context, shape(outcome.steps()));
    String message =
        which
            + ". Minimal sequence ("
            + outcome.steps().size()
            + " of "
            + originalSize
            + " operations): "
            + render(outcome.steps())
            + " → "
            + outcome.failure()
            + (cause == null ? "" : " — " + cause.text());
    AssertionFailedError failure =
        outcome.divergence() != null
            ? new AssertionFailedError(
                message, outcome.divergence().expected(), outcome.divergence().actual())
            : new AssertionFailedError(message, outcome.cause());
    return cause == null ? failure : cause.attachTo(failure);
  }

  /** "train×3, save#1 (iteration 3), ..." — consecutive trains merged. */
  static String render(List<String> steps) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); ) {
      int j = i;
      while (j < steps.size() && steps.get(j).equals(steps.get(i))) j++;
      int n = j - i;
      out.add(n > 1 ? steps.get(i) + "×" + n : steps.get(i));
      i = j;
    }
    return String.join(", ", out);
  }

  /**
   * What the sequence did that names a cause, read from its steps as {@link SequenceRun} words
   * them.
   */
  static LikelyCause.Sequence shape(List<String> steps) {
    boolean restore =
        steps.stream().anyMatch(s -> s.startsWith("restore") && !s.contains("skipped"));
    boolean restoreIntoTrained =
        steps.stream().anyMatch(s -> s.startsWith("restore") && s.contains("into the trained"));
    boolean reset = steps.stream().anyMatch(s -> s.startsWith("reset (same"));
    boolean buffered =
        steps.stream().anyMatch(s -> s.startsWith("trainBuffered") && !s.contains("skipped"));
    return new LikelyCause.Sequence(restore, restoreIntoTrained, reset, buffered);
  }
}

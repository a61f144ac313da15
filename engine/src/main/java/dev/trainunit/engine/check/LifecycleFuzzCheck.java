package dev.trainunit.engine.check;

import dev.trainunit.engine.check.fuzz.FuzzOperation;
import dev.trainunit.engine.check.fuzz.FuzzSequenceGenerator;
import dev.trainunit.engine.check.fuzz.SequenceOutcome;
import dev.trainunit.engine.check.fuzz.SequenceRun;
import dev.trainunit.engine.check.fuzz.SequenceShrinker;
import dev.trainunit.engine.run.TrialSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * {@code lifecycle-fuzz}: seeded random sequences of train, trainBuffered, save, restore (into a
 * fresh instance and into the current, already trained one, from older and newer checkpoints)
 * and reset (to the same config) agree with the reference run: every result at
 * training_iteration i equals the reference run's result i.
 *
 * <p>Sequences stay within the reference run's length. An operation that does not apply when it
 * comes (training past the reference run, restoring a checkpoint never taken, a reset that
 * {@code resetConfig} refuses) does nothing, so any sub-sequence of a sequence can be run, which
 * is what shrinking needs: a failing sequence is reduced, by removing operations while it still
 * fails, to a minimal one that the failure message shows. Sequence i of a run uses seed
 * {@code base + i * 0x9E3779B97F4A7C15}; the message gives the failing sequence's own seed, and
 * {@code -Dtrainunit.fuzz.seed=<it>} makes it the first sequence of the next run.
 *
 * <p>The bug only this check finds: a {@code loadCheckpoint} that adds to the current state
 * instead of replacing it, which restores a fresh instance perfectly.
 *
 * <p>Generating, running and shrinking sequences is {@link dev.trainunit.engine.check.fuzz}'s;
 * this class wires them and words the failure.
 */
public final class LifecycleFuzzCheck implements Check {

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
    for (int i = 0; i < runs; i++) {
      long seed = base + i * SEED_STEP;
      List<FuzzOperation> ops = FuzzSequenceGenerator.generate(seed, length);
      SequenceOutcome outcome = new SequenceRun(context, reference, "fuzz-" + i).execute(ops);
      if (outcome.failed()) {
        if (outcome.timedOut()) {
          throw failure(context, i, runs, seed, ops.size(), outcome);
        }
        String shrinkLabel = "fuzz-" + i + "-shrink-";
        SequenceShrinker shrinker = new SequenceShrinker(
            (candidate, attempt) -> new SequenceRun(context, reference, shrinkLabel + attempt).execute(candidate));
        SequenceShrinker.Shrunk shrunk = shrinker.shrink(ops.subList(0, outcome.failedAt() + 1), outcome);
        throw failure(context, i, runs, seed, ops.size(), shrunk.outcome());
      }
    }
    context.report("fuzz-runs", Integer.toString(runs));
  }

  /** A seed of the trainable's own, the same in every run, so that failures reproduce without setting one. */
  static long defaultSeed(TrialSubject subject) {
    return subject.declaration().trainableClass().getName().hashCode() * 1_000_003L + subject.configIndex();
  }

  private static AssertionError failure(CheckContext context, int run, int runs, long seed, int originalSize,
      SequenceOutcome outcome) {
    String steps = render(outcome.steps());
    // A sequence cut short by a timeout says nothing about the trainable's state: no cause is named.
    LikelyCause.Explanation cause = outcome.timedOut() ? null : LikelyCause.ofSequenceFailing(context, shape(outcome.steps()));
    String message = "lifecycle-fuzz sequence " + (run + 1) + " of " + runs + " failed (seed " + seed
        + "; -Dtrainunit.fuzz.seed=" + seed + " replays it first). Minimal sequence ("
        + outcome.steps().size() + " of " + originalSize + " operations): " + steps + " → " + outcome.failure()
        + (cause == null ? "" : " — " + cause.text());
    AssertionFailedError failure = outcome.divergence() != null
        ? new AssertionFailedError(message, outcome.divergence().expected(), outcome.divergence().actual())
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

  /** What the sequence did that names a cause, read from its steps as {@link SequenceRun} words them. */
  static LikelyCause.Sequence shape(List<String> steps) {
    boolean restore = steps.stream().anyMatch(s -> s.startsWith("restore#") && !s.contains("skipped"));
    boolean restoreIntoTrained = steps.stream().anyMatch(s -> s.startsWith("restore#") && s.contains("into the trained"));
    boolean reset = steps.stream().anyMatch(s -> s.startsWith("reset (same"));
    boolean buffered = steps.stream().anyMatch(s -> s.startsWith("trainBuffered") && !s.contains("skipped"));
    return new LikelyCause.Sequence(restore, restoreIntoTrained, reset, buffered);
  }
}

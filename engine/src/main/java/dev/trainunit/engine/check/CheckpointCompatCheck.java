package dev.trainunit.engine.check;

import dev.trainunit.engine.config.Constants;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.StreamComparison;
import dev.trainunit.engine.run.TrainableDriver;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentest4j.TestAbortedException;

/**
 * {@code checkpoint-compat}: checkpoints written by an older build still restore. Every other check
 * restores checkpoints the same build wrote a moment earlier, so none of them can see a change that
 * breaks old ones: a field added to a {@code Serializable} class (its implicit {@code
 * serialVersionUID} changes), a renamed key, a library upgrade whose format moved on. A tuning job
 * that runs for days, or a model in production, resumes from exactly those.
 *
 * <p>The snapshot-testing workflow, for checkpoints. With {@code @Trainable(golden = dir)} and
 * {@code -Dtrainunit.golden.record=true}, each config's reference checkpoint at its middle
 * iteration and the continuation after it are written to {@code dir/config-<n>} ({@link
 * GoldenCheckpoint}), to commit. Every later run restores each into a fresh instance with today's
 * code and compares how it continues with what was recorded, within the declared tolerance. With
 * nothing recorded yet the check is skipped with the command that records, or fails under {@code
 * trainunit.golden.strict}.
 */
final class CheckpointCompatCheck implements Check {

  /**
   * The least relative tolerance of the comparison with what was recorded: a golden checkpoint is
   * restored on other machines and JDKs than the one that recorded it, whose {@code Math.exp} and
   * friends may differ in the last bit; that is not a checkpoint that broke.
   */
  static final double LEAST_TOLERANCE = 1e-9;

  static final String RECORD_HINT =
      "run with -D" + Constants.GOLDEN_RECORD + "=true to record one, and commit it";

  @Override
  public String id() {
    return "checkpoint-compat";
  }

  @Override
  public String description() {
    return "a golden checkpoint recorded by an earlier build, restored with today's code, continues exactly as recorded (with @Trainable(golden))";
  }

  @Override
  public Set<String> tags() {
    return Set.of(CheckTags.CHECKPOINT);
  }

  @Override
  public Optional<String> skipReason(TrialSubject subject) {
    return subject.declaration().golden().isEmpty()
        ? Optional.of(
            "no golden directory declared: @Trainable(golden = \"src/test/resources/golden/"
                + subject.declaration().trainableClass().getSimpleName()
                + "\") keeps checkpoints of this build for later builds to restore")
        : Optional.empty();
  }

  /** Recording costs nothing of its own; checking, the recorded continuation. */
  @Override
  public long plannedSteps(CheckContext context) {
    if (skipReason(context.subject()).isPresent() || context.subject().settings().goldenRecord())
      return 0;
    ReferenceRun reference = context.reference();
    List<Integer> ks = Checkpoints.plannedIterations(reference);
    return ks.isEmpty() ? 0 : reference.length() - ks.get(ks.size() / 2);
  }

  @Override
  public void run(CheckContext context) {
    Path dir =
        Path.of(context.declaration().golden())
            .toAbsolutePath()
            .resolve("config-" + (context.subject().configIndex() + 1));
    if (context.subject().settings().goldenRecord()) {
      record(context, dir);
      return;
    }
    if (!GoldenCheckpoint.existsIn(dir)) {
      String why = "no golden checkpoint recorded yet in " + dir + "; " + RECORD_HINT;
      if (context.subject().settings().goldenStrict()) {
        throw Failures.failed(why + " (" + Constants.GOLDEN_STRICT + " is on)");
      }
      throw new TestAbortedException(why);
    }
    verify(context, GoldenCheckpoint.read(dir));
  }

  private static void record(CheckContext context, Path dir) {
    int k = context.middleCheckpoint();
    ReferenceRun reference = context.reference();
    GoldenCheckpoint.write(
        dir,
        context.declaration().trainableClass().getName(),
        context.config(),
        k,
        reference.checkpoint(k).path(),
        reference.after(k));
    context.report(
        "golden-recorded", "checkpoint of iteration " + k + " and its continuation, in " + dir);
  }

  private static void verify(CheckContext context, GoldenCheckpoint golden) {
    String which =
        "the golden checkpoint in "
            + golden.dir()
            + " (config "
            + golden.config().toJson()
            + ", iteration "
            + golden.iteration()
            + ", TrainUnit checkpoint format "
            + golden.format()
            + ")";
    if (!golden.config().equals(context.config())) {
      throw Failures.failed(
          which
              + " was recorded for another config than the one declared now, "
              + context.config().toJson()
              + ": re-record it with -D"
              + Constants.GOLDEN_RECORD
              + "=true if the change is intended");
    }
    Path copy = Checkpoints.copyTo(golden.checkpoint(), context.newDirectory("golden-copy"));
    TrainableDriver restored = context.start("golden-restored");
    try {
      restored.restore(copy);
    } catch (RuntimeException e) {
      AssertionError failure =
          Failures.failed(
              which
                  + " no longer restores with this build, so neither would the checkpoints of"
                  + " earlier runs: "
                  + Failures.withCauses(e)
                  + ". Keep loadCheckpoint reading the old format (an explicit serialVersionUID, the"
                  + " old key as a fallback), or, if breaking old checkpoints is intended, re-record"
                  + " with -D"
                  + Constants.GOLDEN_RECORD
                  + "=true and commit "
                  + golden.dir());
      failure.initCause(e);
      throw failure;
    }
    List<Map<String, Object>> recorded = context.restrict(golden.continuation());
    new ComparedRuns(
            "after restoring " + which,
            "as recorded",
            recorded,
            "with this build",
            context.comparable(restored.train(recorded.size())),
            golden.iteration() + 1)
        .requireSame(
            new StreamComparison(Math.max(context.declaration().tolerance(), LEAST_TOLERANCE)),
            () ->
                new LikelyCause.Explanation(
                    "the checkpoint restores, but training goes on differently from how the build"
                        + " that recorded it went on (a changed default, update rule or data"
                        + " order?); if the change is intended, re-record with -D"
                        + Constants.GOLDEN_RECORD
                        + "=true and commit "
                        + golden.dir(),
                    List.of()));
  }
}

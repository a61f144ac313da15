package dev.trainunit.engine.check;

import dev.trainunit.Result;
import dev.trainunit.engine.check.content.FieldDifferences;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrainableDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code save-restore}: for several k (the first and the last among them) a checkpoint taken at
 * iteration k, copied to another directory and restored into a fresh instance, continues exactly as
 * the saved instance itself continued; the counters carry over and the since-restore counters start
 * again.
 *
 * <p>The checkpoints are the reference run's own (see {@code run.ReferenceRun}), so no prefix is
 * trained twice: the check's own cost is the continuations, the sum of length − k over its k. The
 * saved instance's own continuation is the truth, so that a trainable which is merely not
 * reproducible across instances fails {@code determinism} and not this check.
 */
final class SaveRestoreCheck implements Check {

  /**
   * The fields in which an instance restored from the checkpoint of iteration {@code k} differs,
   * right after the restore, from an instance in the state that saved it (a fresh one trained k
   * iterations again: the reference instance has trained on since). Evidence for a failure message,
   * never a verdict: empty when nothing differs or the comparison cannot be made.
   */
  static Optional<String> fieldsAfterRestore(CheckContext context, ReferenceRun reference, int k) {
    try {
      TrainableDriver saver = context.start("fields-saver-at-" + k);
      saver.train(k);
      TrainableDriver restored = context.start("fields-restored-at-" + k);
      restored.restore(context.copyOf(reference.checkpoint(k), "fields-copy-of-" + k));
      FieldDifferences differences =
          FieldDifferences.between(
              saver.instance(), restored.instance(), context.declaration().derivedFields());
      return differences.isEmpty() ? Optional.empty() : Optional.of(differences.render(k));
    } catch (RuntimeException e) {
      context.report("fields-after-restore", "not compared: " + e);
      return Optional.empty();
    }
  }

  @Override
  public String id() {
    return "save-restore";
  }

  @Override
  public String description() {
    return "a checkpoint taken at iteration k, restored into a fresh instance elsewhere, continues exactly like the uninterrupted run";
  }

  @Override
  public Set<String> tags() {
    return Set.of(CheckTags.CHECKPOINT);
  }

  /** One continuation per checkpoint of the reference run: length − k steps each. */
  @Override
  public long plannedSteps(CheckContext context) {
    ReferenceRun reference = context.reference();
    return Checkpoints.plannedIterations(reference).stream()
        .mapToLong(k -> reference.length() - k)
        .sum();
  }

  @Override
  public void run(CheckContext context) {
    ReferenceRun reference = context.reference();
    List<Integer> iterations = context.checkpointIterations();
    context.requireMetricsThatRevealState(iterations);
    for (int k : iterations) checkAt(context, reference, k);
    context.report("checkpoint-iterations", iterations.toString());
  }

  private static void checkAt(CheckContext context, ReferenceRun reference, int k) {
    Path copy = context.copyOf(reference.checkpoint(k), "copy-of-" + k);
    TrainableDriver restored = context.start("restored-at-" + k);
    restored.restore(copy);
    if (restored.iteration() != k) {
      throw Failures.failed(
          "after restoring the checkpoint taken at iteration "
              + k
              + ", iteration() is "
              + restored.iteration()
              + ", expected "
              + k);
    }
    List<Result> resumed = restored.train(reference.length() - k);
    if (!resumed.isEmpty()) {
      Result first = resumed.get(0);
      if (first.iterationsSinceRestore() != 1
          || first.timeSinceRestore() > first.timeTotalS() + 1e-9) {
        throw Failures.failed(
            "after restoring the checkpoint taken at iteration "
                + k
                + ", the since-restore counters did not restart: iterations_since_restore "
                + first.iterationsSinceRestore()
                + ", time_since_restore "
                + first.timeSinceRestore()
                + " of time_total_s "
                + first.timeTotalS());
      }
    }
    new ComparedRuns(
            "after restoring the checkpoint taken at iteration " + k,
            "in the uninterrupted run",
            context.restrict(reference.after(k)),
            "after restore",
            context.comparable(resumed),
            k + 1)
        .requireSame(
            context.comparison(),
            () ->
                LikelyCause.ofRestoreDiffering(context)
                    .followedBy(fieldsAfterRestore(context, reference, k)));
  }
}

package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.Result;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrainableDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code save-restore}: for several k (the first and the last among them) a checkpoint taken at
 * iteration k, copied to another directory and restored into a fresh instance, continues exactly
 * as the saved instance itself continues; the counters carry over and the since-restore counters
 * start again.
 *
 * <p>The saved instance's own continuation is the truth here, not the reference run, so that a
 * trainable which is merely not reproducible across instances fails {@code determinism} and not
 * this check.
 */
public final class SaveRestoreCheck implements Check {

  @Override
  public String id() {
    return "save-restore";
  }

  @Override
  public String description() {
    return "a checkpoint taken at iteration k, restored into a fresh instance elsewhere, continues exactly like the uninterrupted run";
  }

  /**
   * Needs no reference run: the saved instance's own continuation is the truth, and the run's
   * length (shorter than declared when a result is done) comes from the first checkpoint's run.
   * That saves a whole trial per config when save-restore runs without the comparison checks.
   */
  @Override
  public void run(CheckContext context) {
    int length = checkAt(context, 1, context.declaration().iterations());
    List<Integer> iterations = ReferenceRun.checkpointIterations(length);
    for (int k : iterations) {
      if (k != 1) checkAt(context, k, length);
    }
    context.report("checkpoint-iterations", iterations.toString());
  }

  /** @return how many iterations the saved instance ran in all (k plus its continuation) */
  private int checkAt(CheckContext context, int k, int length) {
    TrainableDriver saved = context.start("saved-at-" + k);
    List<Result> before = saved.train(k);
    if (before.size() < k) return before.size(); // the run ended (done) before k
    Checkpoint checkpoint = saved.save();
    List<Result> uninterrupted = saved.train(length - k);

    Path copy = Checkpoints.copyTo(checkpoint.path(), context.newDirectory("copy-of-" + k));
    TrainableDriver restored = context.start("restored-at-" + k);
    restored.restore(copy);
    if (restored.iteration() != k) {
      throw Failures.failed("after restoring the checkpoint taken at iteration " + k + ", iteration() is "
          + restored.iteration() + ", expected " + k);
    }
    List<Result> resumed = restored.train(length - k);
    if (!resumed.isEmpty()) {
      Result first = resumed.get(0);
      if (first.iterationsSinceRestore() != 1 || first.timeSinceRestore() > first.timeTotalS() + 1e-9) {
        throw Failures.failed("after restoring the checkpoint taken at iteration " + k
            + ", the since-restore counters did not restart: iterations_since_restore " + first.iterationsSinceRestore()
            + ", time_since_restore " + first.timeSinceRestore() + " of time_total_s " + first.timeTotalS());
      }
    }
    List<Map<String, Object>> expected = context.comparable(uninterrupted);
    List<Map<String, Object>> actual = context.comparable(resumed);
    context.comparison().firstDivergence(expected, actual).ifPresent(d -> {
      throw Failures.diverged("after restoring the checkpoint taken at iteration " + k, d, "in the uninterrupted run",
          "after restore", LikelyCause.ofRestoreDiffering(context), expected, actual, k + 1);
    });
    return k + uninterrupted.size();
  }
}

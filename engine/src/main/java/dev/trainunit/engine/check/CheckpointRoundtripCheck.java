package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.engine.check.content.CheckpointContents;
import dev.trainunit.engine.check.content.FileContents.Difference;
import dev.trainunit.engine.run.TrainableDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code checkpoint-roundtrip}: restoring a checkpoint and saving again at once gives a checkpoint
 * that holds the same state — so nothing {@code saveCheckpoint} writes is lost by {@code
 * loadCheckpoint}, even state that no later iteration happens to depend on.
 *
 * <p><b>What "the same state" means.</b> Bytes are not the measure: real formats lay equal state
 * out differently on each save. Java serialization writes a {@code HashMap}'s table size, which
 * {@code HashMap.readObject} rebuilds at another size; zip containers (DL4J's {@code
 * ModelSerializer}, jars) stamp each entry with the time it was written. So each file the hook
 * wrote is compared by what it holds (see {@link CheckpointContents}): byte-equal files are equal;
 * zips entry by entry, ignoring entry metadata; Java serialization streams as the object graphs
 * they hold, field by field; JSON as trees. Only a file no reader understands is compared byte by
 * byte.
 *
 * <p><b>What a difference means.</b> When the state differs, a second round trip (restore the
 * second checkpoint into a third instance, save again) tells the two causes apart: if the second
 * round trip gives the second checkpoint back unchanged, the first restore lost state that {@code
 * saveCheckpoint} wrote and {@code loadCheckpoint} did not read back; if it differs again in the
 * same place, the checkpoint embeds a value that changes on every save (a time, a nonce, a
 * temporary file name). The message says which, and where: the file, the zip entry, the field path
 * or the byte offset.
 *
 * <p><b>Checkpoints that point outside themselves.</b> A checkpoint is also restored from a copy
 * while the trial directory it was saved in is moved away, so a checkpoint that only records where
 * its state lies (a path into its trial directory) fails to load instead of passing because the
 * file happened to still be there.
 *
 * <p><b>Cost.</b> No step of its own: the checkpoint is the reference run's (taken at its middle
 * checkpoint iteration); the check only restores and saves.
 */
final class CheckpointRoundtripCheck implements Check {

  @Override
  public String id() {
    return "checkpoint-roundtrip";
  }

  @Override
  public String description() {
    return "restore then save again gives a checkpoint holding the same state (compared by content: zip entries, "
        + "serialized objects, JSON trees)";
  }

  @Override
  public void run(CheckContext context) {
    int k = context.middleCheckpoint();
    Checkpoint first = context.reference().checkpoint(k);
    checkRelocation(context, first, k);

    TrainableDriver restored = context.start("roundtrip-restored");
    restored.restore(context.copyOf(first, "roundtrip-copy"));
    Checkpoint second = restored.save();
    CheckpointContents contents =
        new CheckpointContents(context.declaration().trainableClass().getClassLoader());
    Optional<Difference> lost = contents.firstDifference(first, second);
    if (lost.isEmpty()) return;

    TrainableDriver again = context.start("roundtrip-second");
    again.restore(context.copyOf(second, "roundtrip-second-copy"));
    Optional<Difference> changed = contents.firstDifference(second, again.save());
    throw Failures.failed(message(k, lost.get(), changed));
  }

  /**
   * An instance restored from {@code first} saves a checkpoint of its own; that one is restored
   * while the saving instance's trial directory is moved aside. The reference run's directory is
   * never moved: other checks copy its checkpoints meanwhile.
   */
  private static void checkRelocation(CheckContext context, Checkpoint first, int k) {
    TrainableDriver saver = context.start("roundtrip-saver");
    saver.restore(context.copyOf(first, "roundtrip-saver-copy"));
    Checkpoint own = saver.save();
    Path copy = context.copyOf(own, "roundtrip-relocated-copy");
    restoreWithTrialDirectoryAway(
        context, context.start("roundtrip-relocated"), copy, saver.logdir(), k);
  }

  private static String message(int k, Difference d, Optional<Difference> again) {
    String where =
        "the checkpoint saved right after restoring the one of iteration "
            + k
            + " differs in "
            + d.location()
            + " (read as "
            + d.format()
            + "): "
            + d.expected()
            + " before, "
            + d.actual()
            + " after";
    if (again.isEmpty()) {
      return where
          + ". A second round trip gives that checkpoint back unchanged, so this is state saveCheckpoint writes "
          + "but loadCheckpoint does not restore: it is lost at the first restore — read it back in loadCheckpoint, "
          + "or leave it out of the checkpoint if it is derived";
    }
    Difference d2 = again.get();
    if (d2.location().equals(d.location())) {
      return where
          + ". It differs again after a second round trip ("
          + d2.expected()
          + ", then "
          + d2.actual()
          + "), so the checkpoint embeds a value that changes on every save (a time, a random nonce, a temporary "
          + "file name, a path of the trial directory): leave it out, or derive it from the model's state";
    }
    return where
        + ". A second round trip differs elsewhere, in "
        + d2.location()
        + ": "
        + d2.expected()
        + ", then "
        + d2.actual()
        + " — state is lost on restore and a value changes on every save";
  }

  /**
   * Restores {@code copy} into {@code driver} while the trial directory the checkpoint was saved in
   * is moved aside, so that a checkpoint which only points at files there cannot load them. When
   * the restore fails that way but succeeds with the directory in place, that is the finding.
   */
  private static void restoreWithTrialDirectoryAway(
      CheckContext context, TrainableDriver driver, Path copy, Path savedIn, int k) {
    Path aside = savedIn.resolveSibling(savedIn.getFileName() + "-moved-away");
    try {
      Files.move(savedIn, aside);
    } catch (IOException e) {
      // a platform that will not rename a directory with open files: relocation is not checked
      context.report(
          "roundtrip-relocation", "not checked: cannot move " + savedIn + " aside: " + e);
      driver.restore(copy);
      return;
    }
    RuntimeException failure = null;
    try {
      driver.restore(copy);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      try {
        Files.move(aside, savedIn);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot move the trial directory back from " + aside + " to " + savedIn, e);
      }
    }
    if (failure == null) return;
    TrainableDriver control = context.start("roundtrip-control");
    try {
      control.restore(Checkpoints.copyTo(copy, context.newDirectory("roundtrip-control-copy")));
    } catch (RuntimeException e) {
      e.addSuppressed(failure);
      throw e; // the restore fails whatever we do: that is loadCheckpoint's own fault, reported as
      // such
    }
    throw Failures.failed(
        "restoring a copy of the checkpoint of iteration "
            + k
            + " fails while the trial directory "
            + "it was saved in ("
            + savedIn
            + ") is moved away, and works when it is back: the checkpoint points at files "
            + "outside itself instead of holding them. Write everything loadCheckpoint needs into checkpointDir; a trial "
            + "that moves to another node has none of its old directory",
        failure);
  }
}

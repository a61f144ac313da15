package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.engine.check.content.CheckpointContents;
import dev.trainunit.engine.check.content.FileContents.Difference;
import dev.trainunit.engine.run.TrainableDriver;
import java.util.Optional;
import java.util.Set;

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
 * <p>A checkpoint that only records where its state lies, instead of holding it, is for {@code
 * relocation} to find.
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
  public Set<String> tags() {
    return Set.of(CheckTags.CHECKPOINT);
  }

  @Override
  public void run(CheckContext context) {
    int k = context.middleCheckpoint();
    Checkpoint first = context.reference().checkpoint(k);
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
}

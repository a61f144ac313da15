package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.engine.check.content.CheckpointContents;
import dev.trainunit.engine.check.content.FileContents.Difference;
import dev.trainunit.engine.check.content.PathMentions;
import dev.trainunit.engine.check.content.PathMentions.Mention;
import dev.trainunit.engine.run.TrainableDriver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentest4j.TestAbortedException;

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
 * <p><b>What a difference means.</b> A correct model may record something of the save itself (a
 * time, a nonce, the checkpoint's or trial's directory): Ray asks nothing else of a checkpoint than
 * that it restores. So when the state differs, the same instance saves once more: if those two
 * saves differ too, or the checkpoint names its own trial directory (which is another for every
 * instance), content cannot judge and the check is aborted with the reason, never failed. Otherwise
 * a second round trip (restore the second checkpoint into a third instance, save again) tells the
 * causes apart: back unchanged, the first restore lost state that {@code saveCheckpoint} wrote and
 * {@code loadCheckpoint} did not read back; different again, the state changes with every restore.
 * The message says where: the file, the zip entry, the field path or the byte offset.
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

    // Two saves of one instance, with nothing in between, hold the same state: where they differ,
    // the checkpoint records something of the save itself (a time, a nonce, its own directory), a
    // correct model may do that, and the content comparison cannot tell it from lost state.
    Optional<Difference> unstable = contents.firstDifference(second, restored.save());
    if (unstable.isPresent())
      throw new TestAbortedException(unstable(k, lost.get(), unstable.get()));
    List<Mention> ownPath =
        PathMentions.scan(
            second.path(), Map.of(restored.logdir(), "the trial directory it was saved in"));
    if (!ownPath.isEmpty())
      throw new TestAbortedException(recordsItsDirectory(k, lost.get(), ownPath));

    TrainableDriver again = context.start("roundtrip-second");
    again.restore(context.copyOf(second, "roundtrip-second-copy"));
    Optional<Difference> changed = contents.firstDifference(second, again.save());
    throw Failures.failed(message(k, lost.get(), changed));
  }

  private static String unstable(int k, Difference lost, Difference d) {
    return where(k, lost)
        + "; but two saves of the same restored instance, with no step between them, differ too, in "
        + d.location()
        + " ("
        + d.expected()
        + ", then "
        + d.actual()
        + "): the checkpoint records something of the save itself (a time, a nonce, its own directory), "
        + "so comparing checkpoints by content cannot tell lost state from it. Leave such a value out of "
        + "the checkpoint for this check to judge; save-restore and lifecycle-fuzz still judge what restores";
  }

  private static String recordsItsDirectory(int k, Difference lost, List<Mention> mentions) {
    return where(k, lost)
        + "; the checkpoint records the trial directory it was saved in ("
        + mentions.get(0).render()
        + "), which is another for every instance, so its checkpoints cannot be compared by content; "
        + "whether it relies on that path is for relocation to judge";
  }

  private static String where(int k, Difference d) {
    return "the checkpoint saved right after restoring the one of iteration "
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
  }

  private static String message(int k, Difference d, Optional<Difference> again) {
    String where = where(k, d);
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
          + "), though two saves of one instance agree: the state changes with every restore (a count of "
          + "restores, a value loadCheckpoint adds to instead of replacing): restore it as it was saved";
    }
    return where
        + ". A second round trip differs elsewhere, in "
        + d2.location()
        + ": "
        + d2.expected()
        + ", then "
        + d2.actual()
        + " — state is lost on restore, and changes again with the next restore";
  }
}

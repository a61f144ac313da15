package dev.trainunit.storage;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names TrainUnit gives to what it keeps in a trial directory and in a checkpoint. */
public final class CheckpointFiles {

  /** The metadata file inside every checkpoint directory; written last, read first. */
  public static final String METADATA = ".checkpoint_metadata.json";

  /** Where the map a {@code saveCheckpoint} hook returned is stored, inside the checkpoint. */
  public static final String DATA = "dict_checkpoint.json";

  private static final Pattern CHECKPOINT_NAME = Pattern.compile("checkpoint_(\\d{6,})");

  private CheckpointFiles() {}

  /** {@code checkpoint_000042} for index 42. */
  public static String checkpointName(long index) {
    return String.format("checkpoint_%06d", index);
  }

  /** The index of a directory named like a checkpoint, or -1. */
  public static long indexOf(Path dir) {
    Path name = dir.getFileName();
    if (name == null) return -1;
    Matcher m = CHECKPOINT_NAME.matcher(name.toString());
    if (!m.matches()) return -1;
    try {
      long index = Long.parseLong(m.group(1));
      // An index this large cannot be followed by a next one (index + 1 would overflow), and
      // save() never writes one: treat the directory as not a checkpoint rather than crash.
      return index < Long.MAX_VALUE ? index : -1;
    } catch (NumberFormatException tooManyDigits) {
      // "checkpoint_" + 20 or more digits used to throw out of latest() and save(): a stray
      // directory name must not stop a trial from checkpointing or resuming.
      return -1;
    }
  }

  /** The name a checkpoint has while it is written: hidden, and never taken for a checkpoint. */
  static String temporaryName(Path target) {
    return "." + target.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime());
  }

  static boolean isTemporary(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(".") && name.contains(".tmp-");
  }
}

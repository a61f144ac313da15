package dev.trainunit.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The names TrainUnit gives to what it keeps in a trial directory and in a checkpoint.
 *
 * <p>Internal: for TrainUnit's own modules (the engine compares checkpoints without its bookkeeping
 * files), not for model code; it may change in any release.
 */
@API(status = API.Status.INTERNAL, since = "0.2.0")
public final class CheckpointFiles {

  /** The metadata file inside every checkpoint directory; written last, read first. */
  public static final String METADATA = ".checkpoint_metadata.json";

  /**
   * The metadata's own CRC32C: the last member of the metadata object, over the bytes of the
   * metadata written without it (its closing brace included).
   */
  public static final String METADATA_CHECKSUM = "metadata_crc32c";

  /** Where the map a {@code saveCheckpoint} hook returned is stored, inside the checkpoint. */
  public static final String DATA = "dict_checkpoint.json";

  private static final Pattern CHECKPOINT_NAME = Pattern.compile("checkpoint_(\\d{6,})");

  /**
   * {@code .<target>.tmp-<pid>-<nanos>}; older TrainUnit versions wrote {@code
   * .<target>.tmp-<nanos>}.
   */
  private static final Pattern TEMPORARY_OWNER = Pattern.compile("\\..+\\.tmp-(\\d+)-[0-9a-f]+");

  private static final long PID = ProcessHandle.current().pid();

  /** Temporary directories this JVM is writing right now (absolute paths). */
  private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

  private CheckpointFiles() {}

  /** {@code checkpoint_000042} for index 42. */
  static String checkpointName(long index) {
    return String.format("checkpoint_%06d", index);
  }

  /** The index of a directory named like a checkpoint, or -1. */
  public static long indexOf(Path dir) {
    // FileTrees.name: an object store lists a directory with a trailing separator.
    Matcher m = CHECKPOINT_NAME.matcher(FileTrees.name(dir));
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

  /**
   * The checkpoints directly under {@code dir}, by the index in their names, newest first: the
   * entries named {@code checkpoint_<index>}, whether or not they read back complete.
   */
  static List<Path> newestFirst(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> indexOf(p) >= 0)
          .sorted(Comparator.comparingLong(CheckpointFiles::indexOf).reversed())
          .toList();
    }
  }

  /** The name a checkpoint has while it is written: hidden, and never taken for a checkpoint. */
  static String temporaryName(Path target) {
    // The writer's process id is part of the name so that a save can tell a temporary directory
    // abandoned by a killed process from one another live process (or thread) is still filling.
    return "." + target.getFileName() + ".tmp-" + PID + "-" + Long.toHexString(System.nanoTime());
  }

  /** Marks {@code temporary} as being written by this JVM until {@link #finished(Path)}. */
  static void started(Path temporary) {
    IN_PROGRESS.add(temporary.toAbsolutePath());
  }

  static void finished(Path temporary) {
    IN_PROGRESS.remove(temporary.toAbsolutePath());
  }

  /**
   * Whether a temporary directory was left behind by a save or copy that will never finish: its
   * writer process is gone, or it is this JVM and no save of this JVM is writing it. A name in the
   * old format (no process id) counts as abandoned. Errs on the side of keeping: a live process
   * with the recorded id (even a recycled one) keeps its directory.
   */
  static boolean isAbandoned(Path temporary) {
    Matcher m = TEMPORARY_OWNER.matcher(FileTrees.name(temporary));
    if (!m.matches()) return true;
    long pid;
    try {
      pid = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return true;
    }
    if (pid == PID) return !IN_PROGRESS.contains(temporary.toAbsolutePath());
    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }

  static boolean isTemporary(Path p) {
    String name = FileTrees.name(p);
    return name.startsWith(".") && name.contains(".tmp-");
  }
}

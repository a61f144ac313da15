package dev.trainunit.storage;

import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.CheckpointMetadata;
import dev.trainunit.CheckpointOptions;
import dev.trainunit.SyncConfig;
import dev.trainunit.TrainableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * Where one trial keeps its checkpoints, and the remote copy of its directory: the one way into
 * this package. Writes a checkpoint so that it appears whole or not at all, numbers the trial's
 * checkpoints, reads one back and refuses it when it cannot be trusted, falls back to the newest
 * intact one, fetches a checkpoint whose local copy is gone, and uploads checkpoints and result
 * files as the trial's {@link SyncConfig} asks.
 *
 * <p>Every refusal is a {@link CheckpointException} naming the path and the problem.
 *
 * <p>Internal: {@link dev.trainunit.AbstractTrainable} is its user; model code saves and restores
 * through the trainable's {@code save()} and {@code restore()}. It may change in any release.
 */
@API(status = API.Status.INTERNAL, since = "0.2.0")
public final class TrialStorage {

  private final Path trialDir;
  private final CheckpointWriter writer;
  private final CheckpointReader reader;

  /** Null when the trial has no remote storage. */
  private final TrialSyncer syncer;

  /** The index the trial's next checkpoint takes; -1 until the trial directory has been listed. */
  private long nextIndex = -1;

  /**
   * @param trialDir the trial directory, absolute and normalised
   * @param remoteDir the remote copy of the trial directory, on any NIO file system, if the trial
   *     has one
   */
  public TrialStorage(
      Path trialDir, CheckpointOptions options, Optional<Path> remoteDir, SyncConfig syncConfig) {
    this.trialDir = trialDir;
    this.writer = new CheckpointWriter(options);
    this.reader = new CheckpointReader(options.verifyChecksums());
    this.syncer =
        remoteDir.map(remote -> new TrialSyncer(trialDir, remote, syncConfig)).orElse(null);
  }

  /**
   * Where the trial's next checkpoint goes: {@code checkpoint_<index>} under the trial directory,
   * one past the highest index found there (or saved since).
   */
  public Path nextCheckpointDir() {
    if (nextIndex < 0) rescan();
    return trialDir.resolve(CheckpointFiles.checkpointName(nextIndex));
  }

  /** Lists the trial directory again for the highest index: another writer may have saved. */
  private void rescan() {
    try {
      List<Path> newestFirst = CheckpointFiles.newestFirst(trialDir);
      long listed = newestFirst.isEmpty() ? 0 : CheckpointFiles.indexOf(newestFirst.get(0)) + 1;
      nextIndex = Math.max(nextIndex, listed);
    } catch (IOException e) {
      throw new TrainableException("cannot list trial directory " + trialDir, e);
    }
  }

  /**
   * Writes a checkpoint at {@code checkpointDir}, which must not exist yet, or, when it is empty,
   * as the trial's next checkpoint ({@link #nextCheckpointDir()}); uploads it when {@code upload}
   * is true and the trial syncs on checkpoint. When another writer (an instance or process saving
   * into the same trial directory) takes the next index first, the trial directory is listed again
   * and the checkpoint takes the next free index: no save is lost.
   *
   * @param saveHook writes files into the directory it is given and returns a map to store as JSON,
   *     or null; what it throws propagates unchanged, after the partial checkpoint is removed
   */
  public Checkpoint save(
      Optional<Path> checkpointDir,
      CheckpointMetadata metadata,
      Function<Path, Map<String, Object>> saveHook,
      boolean upload) {
    if (checkpointDir.isPresent()) {
      return saved(writer.write(checkpointDir.get(), null, metadata, saveHook), upload);
    }
    UnaryOperator<Path> nextFree =
        taken -> {
          nextIndex = Math.max(nextIndex, CheckpointFiles.indexOf(taken) + 1);
          rescan();
          return nextCheckpointDir();
        };
    return saved(writer.write(nextCheckpointDir(), nextFree, metadata, saveHook), upload);
  }

  private Checkpoint saved(Checkpoint checkpoint, boolean upload) {
    Path dir = checkpoint.path();
    long index = CheckpointFiles.indexOf(dir);
    if (index >= nextIndex && dir.toAbsolutePath().getParent().equals(trialDir)) {
      nextIndex = index + 1;
    }
    if (syncer != null && upload) syncer.onCheckpoint(dir);
    return checkpoint;
  }

  /**
   * Reads the checkpoint at {@code checkpointPath}, fetching it from the remote copy first when its
   * local copy is gone; the remote copy's metadata and file sizes are checked before it is copied.
   */
  public Checkpoint read(Path checkpointPath) {
    Path path = checkpointPath.toAbsolutePath().normalize();
    if (!Files.exists(path) && syncer != null) {
      Path remote = syncer.remoteFor(path);
      if (remote != null && FileTrees.isStoredDirectory(remote)) reader.checkSizes(remote);
      syncer.fetch(path);
    }
    return reader.read(path);
  }

  /**
   * Reads the checkpoint at {@code checkpointPath} and gives it to {@code restore}; when it cannot
   * be read, or {@code restore} finds it damaged (a {@link CheckpointException}: files verified as
   * they are read are verified only then), the newest checkpoint in the same directory that reads
   * and restores intact instead (in {@code checkpointPath} itself when it is not named like a
   * checkpoint), as Tune's {@code fallback_to_latest}. Anything else {@code restore} throws
   * propagates.
   */
  public void restoreOrLatest(Path checkpointPath, Consumer<Checkpoint> restore) {
    Path path = checkpointPath.toAbsolutePath().normalize();
    CheckpointException first;
    try {
      restore.accept(read(path));
      return;
    } catch (CheckpointException e) {
      first = e;
    }
    Path parent = CheckpointFiles.indexOf(path) >= 0 ? path.getParent() : path;
    if (Files.isDirectory(parent)) {
      List<Path> candidates;
      try {
        candidates = CheckpointFiles.newestFirst(parent);
      } catch (IOException e) {
        throw new CheckpointException(parent, "cannot list checkpoints: " + e, e);
      }
      for (Path candidate : candidates) {
        if (candidate.equals(path)) continue;
        try {
          restore.accept(reader.read(candidate));
          return;
        } catch (CheckpointException skipped) {
          // A damaged newer checkpoint must not hide an intact older one.
        }
      }
    }
    CheckpointException none =
        new CheckpointException(
            path, "cannot be restored and no intact checkpoint was found in " + parent);
    none.addSuppressed(first);
    throw none;
  }

  /** The newest checkpoint of the trial that reads back intact, if any. */
  public Optional<Checkpoint> latest() {
    return reader.latest(trialDir);
  }

  /**
   * Uploads the result files, flushed by {@code flushLogs} first, when the sync period has passed
   * since they were last uploaded; nothing without remote storage.
   */
  public void syncResultsIfDue(Runnable flushLogs) {
    if (syncer != null && syncer.due(System.nanoTime())) {
      flushLogs.run();
      syncer.syncResults();
    }
  }

  /**
   * The last sync, at {@code stop()}: unlike the periodic one it throws when it fails, since
   * nothing would try again.
   */
  public void finalSync() {
    if (syncer != null) syncer.finalSync();
  }

  /**
   * Deletes a checkpoint so that it disappears in one step, never half-deleted. Refuses a directory
   * that is not a checkpoint, and a symbolic link; a checkpoint already gone is not an error.
   */
  public static void delete(Path checkpoint) {
    CheckpointWriter.delete(checkpoint);
  }
}

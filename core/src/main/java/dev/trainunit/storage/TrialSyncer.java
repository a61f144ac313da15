package dev.trainunit.storage;

import dev.trainunit.CheckpointException;
import dev.trainunit.SyncConfig;
import dev.trainunit.internal.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps a remote copy of one trial directory on any NIO file system, as Tune's syncer: result files
 * every {@link SyncConfig#syncPeriod()}, checkpoints as they are saved, and checkpoints fetched
 * back when their local copy is gone.
 *
 * <p>An outage of the remote storage must not stop training, nor cost a checkpoint: a periodic sync
 * or an upload that fails is logged, counted and tried again at the next sync, after a period that
 * doubles with each failure in a row (up to {@link #LONGEST_BACKOFF}); the local files are never
 * touched by a failed sync. Each sync uploads every local checkpoint the remote lacks (one whose
 * upload failed, or died with a killed process) and removes the temporaries that uploads killed
 * mid-way left on the remote. Only the last sync, at {@code stop()}, throws: after it, nothing
 * would try again, and a trial whose remote copy is incomplete must say so.
 */
final class TrialSyncer {

  /** The longest wait between two attempts after failures in a row. */
  static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

  private static final System.Logger LOG = System.getLogger(TrialSyncer.class.getName());

  private final Path localDir;
  private final Path remoteDir;
  private final long periodNanos;
  private final boolean syncOnCheckpoint;
  private long lastSync;
  private int failuresInARow;
  private long failures;

  TrialSyncer(Path localDir, Path remoteDir, SyncConfig config) {
    this.localDir = localDir.toAbsolutePath().normalize();
    this.remoteDir = remoteDir;
    this.periodNanos = config.syncPeriod().toNanos();
    this.syncOnCheckpoint = config.syncOnCheckpoint();
    this.lastSync = System.nanoTime();
  }

  /** Whether the sync period (longer after failures) has passed since the last attempt. */
  boolean due(long nanoTime) {
    return nanoTime - lastSync >= currentPeriod();
  }

  private long currentPeriod() {
    if (failuresInARow == 0) return periodNanos;
    long backedOff = periodNanos << Math.min(failuresInARow, 20);
    return Math.max(periodNanos, Math.min(backedOff, LONGEST_BACKOFF.toNanos()));
  }

  /** Syncs ({@link #attempt()}); a failure is logged and counted, and tried again later. */
  void syncResults() {
    attempt().ifPresent(this::failed);
  }

  /**
   * The sync at {@code stop()}: the last chance.
   *
   * @throws UncheckedIOException when it fails, naming the remote directory
   */
  void finalSync() {
    Optional<RuntimeException> failure = attempt();
    if (failure.isPresent()) {
      failed(failure.get());
      throw new UncheckedIOException(
          "the trial's remote copy in "
              + Locations.describe(remoteDir)
              + " is incomplete: the last sync at stop() failed ("
              + failures
              + " failed syncs in all); the local trial directory "
              + localDir
              + " holds everything",
          failure.get() instanceof UncheckedIOException u
              ? u.getCause()
              : new IOException(failure.get()));
    }
  }

  /** Syncs that failed so far. */
  long failures() {
    return failures;
  }

  private void failed(RuntimeException e) {
    failures++;
    failuresInARow++;
    LOG.log(
        System.Logger.Level.WARNING,
        "cannot sync trial directory "
            + localDir
            + " to "
            + Locations.describe(remoteDir)
            + " (failure "
            + failures
            + "); training goes on, the next attempt in "
            + Duration.ofNanos(currentPeriod()),
        e);
  }

  /**
   * One sync: removes what killed uploads left on the remote, uploads the local checkpoints it
   * lacks, then the result files (the regular files at the top of the trial directory).
   *
   * @return what went wrong, if anything
   */
  private Optional<RuntimeException> attempt() {
    lastSync = System.nanoTime();
    try {
      Files.createDirectories(remoteDir);
      removeAbandonedUploads();
      if (syncOnCheckpoint) uploadMissingCheckpoints();
      try (Stream<Path> entries = Files.list(localDir)) {
        for (Path p : (Iterable<Path>) entries::iterator) {
          // NOFOLLOW: a link in the trial directory must not upload the file it points to.
          if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(
                p,
                remoteDir.resolve(p.getFileName().toString()),
                StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      failuresInARow = 0;
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          new UncheckedIOException(
              "cannot sync trial directory "
                  + localDir
                  + " to "
                  + Locations.describe(remoteDir)
                  + ": "
                  + e,
              e));
    } catch (RuntimeException e) {
      // a remote file system that is gone (closed, unmounted) throws unchecked exceptions
      return Optional.of(e);
    }
  }

  private void removeAbandonedUploads() throws IOException {
    for (Path p : FileTrees.list(remoteDir)) {
      if (CheckpointFiles.isTemporary(p) && CheckpointFiles.isAbandoned(p)) {
        FileTrees.deleteTree(p);
      }
    }
  }

  private void uploadMissingCheckpoints() throws IOException {
    try (Stream<Path> entries = Files.list(localDir)) {
      for (Path p : entries.sorted().toList()) {
        Path remote = remoteFor(p);
        // Complete remotely once its metadata file is there: it is copied last, and on an object
        // store an upload cut short leaves the other files under the checkpoint's own name.
        if (CheckpointFiles.indexOf(p) >= 0
            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            && remote != null
            && !Files.exists(remote.resolve(CheckpointFiles.METADATA))) {
          FileTrees.copyAtomically(p, remote);
        }
      }
    }
  }

  /**
   * Uploads a checkpoint saved under the trial directory, when the sync config asks for it. An
   * upload that fails is logged and counted, not thrown: the checkpoint is safe locally, and the
   * next sync uploads it.
   */
  void onCheckpoint(Path checkpoint) {
    if (!syncOnCheckpoint) return;
    try {
      upload(checkpoint);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /** Uploads a checkpoint directory to the same relative place under the remote directory. */
  void upload(Path checkpoint) {
    Path remote = remoteFor(checkpoint);
    if (remote == null) return;
    try {
      FileTrees.copyAtomically(checkpoint, remote);
    } catch (IOException e) {
      throw new CheckpointException(
          checkpoint, "cannot be uploaded to " + Locations.describe(remote) + ": " + e, e);
    }
  }

  /**
   * Brings back a checkpoint whose local copy is missing.
   *
   * @return true when the remote had it and it is now at {@code checkpoint} again
   */
  boolean fetch(Path checkpoint) {
    Path remote = remoteFor(checkpoint);
    if (remote == null || !FileTrees.isStoredDirectory(remote)) return false;
    try {
      FileTrees.copyAtomically(remote, checkpoint);
      return true;
    } catch (IOException e) {
      throw new CheckpointException(
          checkpoint, "cannot be fetched from " + Locations.describe(remote) + ": " + e, e);
    }
  }

  /**
   * The remote twin of a checkpoint directory under the trial directory, as a directory's path
   * ({@link FileTrees#asDirectory}); null for a path outside the trial directory.
   */
  Path remoteFor(Path local) {
    Path normalized = local.toAbsolutePath().normalize();
    if (!normalized.startsWith(localDir) || normalized.equals(localDir)) return null;
    return FileTrees.asDirectory(FileTrees.resolve(remoteDir, localDir.relativize(normalized)));
  }
}

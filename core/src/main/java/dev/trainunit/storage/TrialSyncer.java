package dev.trainunit.storage;

import dev.trainunit.CheckpointException;
import dev.trainunit.SyncConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Keeps a remote copy of one trial directory on any NIO file system, as Tune's syncer: result files
 * every {@link SyncConfig#syncPeriod()}, checkpoints as they are saved, and checkpoints fetched
 * back when their local copy is gone.
 */
final class TrialSyncer {

  private final Path localDir;
  private final Path remoteDir;
  private final long periodNanos;
  private final boolean syncOnCheckpoint;
  private long lastSync;

  TrialSyncer(Path localDir, Path remoteDir, SyncConfig config) {
    this.localDir = localDir.toAbsolutePath().normalize();
    this.remoteDir = remoteDir;
    this.periodNanos = config.syncPeriod().toNanos();
    this.syncOnCheckpoint = config.syncOnCheckpoint();
    this.lastSync = System.nanoTime();
  }

  /** Whether the sync period has passed since the last upload of the result files. */
  boolean due(long nanoTime) {
    return nanoTime - lastSync >= periodNanos;
  }

  /** Uploads the trial's result files (the regular files at the top of the trial directory). */
  void syncResults() {
    try {
      Files.createDirectories(remoteDir);
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
      lastSync = System.nanoTime();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot sync trial directory " + localDir + " to " + remoteDir, e);
    }
  }

  /** Uploads a checkpoint saved under the trial directory, when the sync config asks for it. */
  void onCheckpoint(Path checkpoint) {
    if (syncOnCheckpoint) upload(checkpoint);
  }

  /** Uploads a checkpoint directory to the same relative place under the remote directory. */
  void upload(Path checkpoint) {
    Path remote = remoteFor(checkpoint);
    if (remote == null) return;
    try {
      FileTrees.copyAtomically(checkpoint, remote);
    } catch (IOException e) {
      throw new CheckpointException(checkpoint, "cannot be uploaded to " + remote + ": " + e, e);
    }
  }

  /**
   * Brings back a checkpoint whose local copy is missing.
   *
   * @return true when the remote had it and it is now at {@code checkpoint} again
   */
  boolean fetch(Path checkpoint) {
    Path remote = remoteFor(checkpoint);
    if (remote == null || !Files.isDirectory(remote)) return false;
    try {
      FileTrees.copyAtomically(remote, checkpoint);
      return true;
    } catch (IOException e) {
      throw new CheckpointException(checkpoint, "cannot be fetched from " + remote + ": " + e, e);
    }
  }

  /** The remote twin of a local path under the trial directory; null for a path outside it. */
  Path remoteFor(Path local) {
    Path normalized = local.toAbsolutePath().normalize();
    if (!normalized.startsWith(localDir) || normalized.equals(localDir)) return null;
    return FileTrees.resolve(remoteDir, localDir.relativize(normalized));
  }
}

package dev.trainunit.storage;

import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.CheckpointMetadata;
import dev.trainunit.CheckpointOptions;
import dev.trainunit.JsonMap;
import dev.trainunit.internal.Json;
import dev.trainunit.internal.JsonShape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Writes a checkpoint so that it appears complete or not at all: the hook fills a hidden temporary
 * directory beside the target, the manifest and metadata are written last, and the directory is
 * renamed into place in one atomic step. A hook that throws, or a process killed half-way, leaves
 * at most a hidden temporary directory, which is never taken for a checkpoint and is removed by the
 * next save in the same directory.
 */
final class CheckpointWriter {

  private final CheckpointOptions options;

  CheckpointWriter(CheckpointOptions options) {
    this.options = options;
  }

  /**
   * Writes a checkpoint at {@code target}, which must not exist yet, or, when {@code nextFree} is
   * given and another writer takes {@code target} first, at the name {@code nextFree} gives for the
   * one taken (before the hook runs, or when the finished checkpoint is renamed into place): two
   * writers numbering checkpoints in one directory never lose a save.
   *
   * @param nextFree null to refuse a {@code target} that exists
   * @throws CheckpointException when the directory cannot be written; a failure of the hook itself
   *     propagates unchanged, after the temporary directory is removed
   */
  Checkpoint write(
      Path target,
      UnaryOperator<Path> nextFree,
      CheckpointMetadata metadata,
      Function<Path, Map<String, Object>> saveHook) {
    Path parent = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      removeAbandonedTemporaries(parent);
      // NOFOLLOW: a dangling symbolic link at the target is something that exists, not a free name.
      while (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) target = taken(target, nextFree);
    } catch (IOException e) {
      throw new CheckpointException(target, "cannot prepare the checkpoint directory: " + e, e);
    }
    Path temporary = parent.resolve(CheckpointFiles.temporaryName(target));
    try {
      CheckpointFiles.started(temporary);
      Files.createDirectory(temporary);
    } catch (IOException e) {
      CheckpointFiles.finished(temporary);
      throw new CheckpointException(target, "cannot prepare the checkpoint directory: " + e, e);
    }
    try {
      CheckpointStreams.Writes streams =
          new CheckpointStreams.Writes(temporary, options.verifyChecksums());
      Map<String, Object> data;
      try (streams) {
        data = saveHook.apply(temporary);
      }
      streams.requireClosed(target);
      if (data != null) writeData(target, temporary, data, streams);
      Map<String, Manifest.Entry> files;
      try {
        files = Manifest.of(temporary, options.verifyChecksums(), streams.written());
      } catch (IOException e) {
        throw new CheckpointException(
            target,
            "saveCheckpoint left something that cannot be checkpointed: " + e.getMessage(),
            e);
      }
      try {
        MetadataFile.write(temporary, metadata, files, data != null);
      } catch (MetadataFile.TooLargeException e) {
        throw new CheckpointException(target, e.getMessage(), e);
      }
      if (options.fsync()) forceAll(temporary);
      target = publish(temporary, target, nextFree);
      if (options.fsync()) forceDirectory(parent);
      JsonMap stored = data == null ? null : JsonMap.of(data);
      // Restoring the returned checkpoint verifies what loadCheckpoint reads through
      // Checkpoint.input as it is read; nothing else is read again, as before.
      return new Checkpoint(
          target,
          metadata,
          stored,
          new CheckpointStreams.Reads(target, files, options.verifyChecksums(), false));
    } catch (IOException e) {
      discard(temporary, e);
      throw new CheckpointException(target, "cannot be written: " + e, e);
    } catch (RuntimeException | Error e) {
      discard(temporary, e);
      throw e;
    } finally {
      CheckpointFiles.finished(temporary);
    }
  }

  /** Renames the finished checkpoint into place, at the next free name if another took it. */
  private static Path publish(Path temporary, Path target, UnaryOperator<Path> nextFree)
      throws IOException {
    while (true) {
      try {
        FileTrees.rename(temporary, target);
        return target;
      } catch (IOException e) {
        // Linux refuses to rename onto a directory that is not empty ("Directory not empty"), the
        // JDK reports it as a plain FileSystemException: that the target exists now is what counts.
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) throw e;
        target = taken(target, nextFree);
      }
    }
  }

  private static Path taken(Path target, UnaryOperator<Path> nextFree) {
    Path next = nextFree == null ? null : nextFree.apply(target);
    if (next == null) {
      throw new CheckpointException(target, "already exists; a checkpoint is never overwritten");
    }
    return next;
  }

  private static void writeData(
      Path target, Path temporary, Map<String, Object> data, CheckpointStreams.Writes streams)
      throws IOException {
    Path file = temporary.resolve(CheckpointFiles.DATA);
    if (Files.exists(file)) {
      throw new CheckpointException(
          target,
          "saveCheckpoint both wrote a file named "
              + CheckpointFiles.DATA
              + " and returned a map; rename the file");
    }
    // The limits restore() reads the map with: refused now rather than written and refused then.
    String bad = JsonShape.findUnstorable("", data, 0);
    if (bad != null) {
      throw new CheckpointException(
          target,
          "saveCheckpoint returned a map that restore() could not give back as it is: " + bad);
    }
    // Checksummed as it is written, so save() does not read it again.
    try (OutputStream out = streams.open(CheckpointFiles.DATA)) {
      Json.MAPPER.writeValue(out, data);
    }
  }

  /**
   * Deletes a checkpoint so that it disappears in one step, as it appeared: it is renamed to a
   * temporary name first, so a process killed while the files are removed leaves an abandoned
   * temporary directory (removed by the next save), never a half-deleted checkpoint. Refuses a
   * directory that is not a checkpoint, and a symbolic link, so a wrong path cannot delete anything
   * else; a checkpoint that is already gone is not an error.
   */
  static void delete(Path checkpoint) {
    if (Files.isSymbolicLink(checkpoint)) {
      throw new CheckpointException(
          checkpoint, "is a symbolic link; refusing to delete through it");
    }
    if (!Files.isDirectory(checkpoint, LinkOption.NOFOLLOW_LINKS)) return;
    if (!Files.isRegularFile(
        checkpoint.resolve(CheckpointFiles.METADATA), LinkOption.NOFOLLOW_LINKS)) {
      throw new CheckpointException(
          checkpoint,
          "has no checkpoint metadata; refusing to delete a directory that is not a checkpoint");
    }
    // A file of that name alone proved nothing: any directory holding one (a copy, a user's data
    // directory with a stray file) was deleted whole. Only metadata that save() wrote, intact,
    // makes
    // a directory a checkpoint; its data files may be damaged, so that a checkpoint restore()
    // refuses can still be deleted.
    try {
      MetadataFile.read(checkpoint);
    } catch (CheckpointException e) {
      throw new CheckpointException(
          checkpoint, "is not a valid checkpoint, so it is not deleted: " + e.getMessage(), e);
    }
    Path temporary =
        checkpoint.toAbsolutePath().getParent().resolve(CheckpointFiles.temporaryName(checkpoint));
    CheckpointFiles.started(temporary);
    try {
      FileTrees.rename(checkpoint, temporary);
      PathUtils.deleteDirectory(temporary);
    } catch (IOException e) {
      throw new CheckpointException(checkpoint, "cannot be deleted: " + e, e);
    } finally {
      CheckpointFiles.finished(temporary);
    }
  }

  private static void forceAll(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          // READ, not WRITE: fsync works on a read-only descriptor, and a hook may well have made
          // its files read-only; opening them for writing failed the whole save with fsync on.
          try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
          }
        } else {
          forceDirectory(p);
        }
      }
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not every platform or file system can open a directory to sync it; the files themselves
      // were synced.
    }
  }

  /**
   * Removes what killed saves left behind. Only directories whose writer is gone are removed: a
   * save running in another process, or in another thread of this one, into the same directory
   * keeps its temporary directory (it used to be deleted under its feet). Best effort: a leftover
   * that cannot be deleted must not stop every later save of the trial.
   */
  private static void removeAbandonedTemporaries(Path parent) throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        if (CheckpointFiles.isTemporary(p)
            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            && CheckpointFiles.isAbandoned(p)) {
          try {
            PathUtils.deleteDirectory(p);
          } catch (IOException | RuntimeException leftOver) {
            // Still hidden and never taken for a checkpoint; the next save tries again.
          }
        }
      }
    }
  }

  private static void discard(Path temporary, Throwable failure) {
    try {
      if (Files.exists(temporary)) PathUtils.deleteDirectory(temporary);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}

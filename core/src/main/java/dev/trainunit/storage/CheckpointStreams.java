package dev.trainunit.storage;

import dev.trainunit.CheckpointException;
import dev.trainunit.internal.CheckpointIo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The files of a checkpoint written and read through streams ({@code Checkpoint.output} and {@code
 * Checkpoint.input}), which checksum the bytes as they go by: the pass {@code save()} made over
 * every file to checksum it, and the pass {@code restore()} made to verify it before {@code
 * loadCheckpoint}, are not needed for them.
 */
final class CheckpointStreams {

  private CheckpointStreams() {}

  /** What a stream opened during {@code save()} reported when it was closed. */
  record Written(long size, String crc32c, FileTime modified) {}

  /**
   * The files one save writes through streams, for its temporary directory: registered with {@link
   * CheckpointIo} from construction to {@link #close()}.
   */
  static final class Writes implements CheckpointIo.Writing, AutoCloseable {
    private final Path dir;
    private final boolean checksums;
    private final Map<String, Written> written = new ConcurrentHashMap<>();
    private final Set<String> open = ConcurrentHashMap.newKeySet();

    Writes(Path dir, boolean checksums) {
      this.dir = dir;
      this.checksums = checksums;
      CheckpointIo.startWriting(dir, this);
    }

    @Override
    public OutputStream open(String name) throws IOException {
      if (name.equals(CheckpointFiles.METADATA)) {
        throw new IllegalArgumentException(
            "'" + name + "' is the name of the checkpoint's own metadata; choose another one");
      }
      Path file = CheckpointIo.resolve(dir, name);
      Files.createDirectories(file.getParent());
      SeekableByteChannel channel =
          Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      open.add(name);
      return new ChecksummedOutput(
          file,
          channel,
          checksums,
          (f, complete, size, crc) -> {
            open.remove(name);
            if (!complete || !CheckpointIo.isWriting(dir, this)) return;
            try {
              written.put(
                  name,
                  new Written(size, crc, Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS)));
            } catch (NoSuchFileException deleted) {
              // The hook deleted its file again: nothing to record, the manifest will not list it.
            }
          });
    }

    /** The files written and closed, with what their streams computed. */
    Map<String, Written> written() {
      return written;
    }

    /** Refuses a save whose hook returned while a stream it opened was still open. */
    void requireClosed(Path target) {
      if (open.isEmpty()) return;
      throw new CheckpointException(
          target,
          "saveCheckpoint returned while "
              + new TreeSet<>(open)
              + " opened with Checkpoint.output was still open; close every such stream before"
              + " returning");
    }

    @Override
    public void close() {
      CheckpointIo.stopWriting(dir);
    }
  }

  /** Opens the files of one checkpoint read back, verifying each as it is read. */
  static final class Reads implements CheckpointIo.Reading {
    private final Path dir;
    private final Map<String, Manifest.Entry> files;
    private final boolean verify;
    private final boolean verifyUnreadAfterLoad;
    private final Set<String> intact = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CheckpointException> damage = new AtomicReference<>();

    /**
     * @param verify whether to compare CRC32C checksums (sizes are always compared)
     * @param verifyUnreadAfterLoad whether a file saved through a stream, and so not verified
     *     before {@code loadCheckpoint}, is verified after it when it was not read through a stream
     */
    Reads(
        Path dir,
        Map<String, Manifest.Entry> files,
        boolean verify,
        boolean verifyUnreadAfterLoad) {
      this.dir = dir;
      this.files = files;
      this.verify = verify;
      this.verifyUnreadAfterLoad = verifyUnreadAfterLoad;
    }

    @Override
    public InputStream open(String name) throws IOException {
      Path file = CheckpointIo.resolve(dir, name);
      Manifest.Entry entry = files.get(name);
      if (entry == null) {
        throw new NoSuchFileException(
            file.toString(), null, "not a file of this checkpoint: its manifest does not list it");
      }
      SeekableByteChannel channel =
          Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      try {
        long actual = channel.size();
        if (actual != entry.size()) {
          throw damaged(
              file,
              "is "
                  + actual
                  + " bytes but was saved with "
                  + entry.size()
                  + " bytes; the file is truncated or was changed");
        }
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      return new VerifiedInput(
          file,
          channel,
          entry.size(),
          verify ? entry.crc32c() : null,
          new VerifiedInput.Outcome() {
            @Override
            public void intact(Path f) {
              intact.add(name);
            }

            @Override
            public IOException damaged(Path f, String problem) {
              return Reads.this.damaged(f, problem);
            }
          });
    }

    private IOException damaged(Path file, String problem) {
      CheckpointException e = new CheckpointException(file, problem);
      damage.compareAndSet(null, e);
      return new IOException(e.getMessage(), e);
    }

    /** The damage a stream found, if any, forgotten by this call. */
    CheckpointException takeDamage() {
      return damage.getAndSet(null);
    }

    @Override
    public void finishLoad(Throwable hookFailure) {
      try {
        CheckpointException found = takeDamage();
        if (found != null) {
          if (hookFailure != null && !causedBy(hookFailure, found))
            found.addSuppressed(hookFailure);
          throw found;
        }
        if (hookFailure == null && verify && verifyUnreadAfterLoad) verifyUnread();
      } finally {
        intact.clear();
      }
    }

    /** Files saved through a stream that {@code loadCheckpoint} did not read through one. */
    private void verifyUnread() {
      for (Map.Entry<String, Manifest.Entry> e : files.entrySet()) {
        Manifest.Entry entry = e.getValue();
        if (!entry.streamed() || entry.crc32c() == null || intact.contains(e.getKey())) continue;
        Manifest.verifyChecksum(
            CheckpointIo.resolve(dir, e.getKey()),
            entry,
            "; it was saved with Checkpoint.output but not read with Checkpoint.input, so it was"
                + " verified only after loadCheckpoint returned");
      }
    }

    private static boolean causedBy(Throwable t, Throwable cause) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c == cause) return true;
      }
      return false;
    }
  }
}

package dev.trainunit.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * What joins {@code Checkpoint.output} and {@code Checkpoint.input}, which model code calls, to the
 * storage that writes and reads the checkpoint: a save registers the directory it is filling, so
 * that a file opened there is checksummed as its bytes go by; a checkpoint read back carries the
 * {@link Reading} that verifies a file as it is read.
 *
 * <p>Internal: for TrainUnit's own modules, not for model code; it may change in any release.
 */
@API(status = API.Status.INTERNAL, since = "0.2.0")
public final class CheckpointIo {

  /** Opens the files of a checkpoint being written. */
  @FunctionalInterface
  public interface Writing {
    /** A new file {@code name} (a plain relative path) in the checkpoint directory. */
    OutputStream open(String name) throws IOException;
  }

  /** Opens the files of a checkpoint that was read back, and verifies them. */
  public interface Reading {
    /** The file {@code name} of the checkpoint, verified against its manifest as it is read. */
    InputStream open(String name) throws IOException;

    /**
     * Called when {@code loadCheckpoint} returned ({@code hookFailure} null) or threw: throws the
     * damage a stream of this checkpoint found meanwhile, with {@code hookFailure} suppressed;
     * after a hook that returned, also the damage found now in a file that was to be verified as it
     * was read but was not read that way. Then forgets what was read, for the next restore.
     */
    void finishLoad(Throwable hookFailure);
  }

  /** The checkpoint directories being written by a save right now, absolute and normalised. */
  private static final Map<Path, Writing> WRITING = new ConcurrentHashMap<>();

  private CheckpointIo() {}

  /** Makes {@link #output(Path, String)} into {@code dir} go through {@code writing}. */
  public static void startWriting(Path dir, Writing writing) {
    WRITING.put(dir.toAbsolutePath().normalize(), writing);
  }

  public static void stopWriting(Path dir) {
    WRITING.remove(dir.toAbsolutePath().normalize());
  }

  /** Whether {@code writing} is still what writes {@code dir}: its save has not finished. */
  public static boolean isWriting(Path dir, Writing writing) {
    return WRITING.get(dir.toAbsolutePath().normalize()) == writing;
  }

  /**
   * A new file {@code name} under {@code dir}: through the save that is writing {@code dir} (or a
   * directory above it) when there is one; otherwise a plain buffered file, for a hook called
   * outside {@code save()}, as in a unit test of the hook.
   */
  public static OutputStream output(Path dir, String name) throws IOException {
    requirePlainName(name);
    Path absolute = dir.toAbsolutePath().normalize();
    StringBuilder relative = new StringBuilder(name);
    for (Path d = absolute; d != null; d = d.getParent()) {
      Writing writing = WRITING.get(d);
      if (writing != null) return writing.open(relative.toString());
      if (d.getFileName() != null) relative.insert(0, d.getFileName() + "/");
    }
    Path file = resolve(absolute, name);
    Files.createDirectories(file.getParent());
    return new BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        64 * 1024);
  }

  /** The file {@code name} under {@code dir}, plainly buffered: for a checkpoint not read back. */
  public static InputStream plainInput(Path dir, String name) throws IOException {
    requirePlainName(name);
    return new BufferedInputStream(Files.newInputStream(resolve(dir, name)), 64 * 1024);
  }

  /**
   * Why {@code name} cannot name a file inside a checkpoint, or null when it can: a checkpoint
   * holds plain relative paths with {@code /} separators and no empty, {@code .} or {@code ..}
   * segment, backslash, NUL or drive letter, which save and restore both enforce.
   */
  public static String problemWithName(String name) {
    if (name.isEmpty()) return "it is empty";
    if (name.indexOf('\0') >= 0) return "it holds a NUL character";
    if (name.indexOf('\\') >= 0) return "it holds a backslash";
    if (name.startsWith("/")) return "it is absolute";
    if (name.length() > 1 && name.charAt(1) == ':') return "it starts like a drive letter";
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return "it has an empty, . or .. segment";
      }
    }
    return null;
  }

  private static void requirePlainName(String name) {
    String problem = problemWithName(name);
    if (problem != null) {
      throw new IllegalArgumentException(
          "'" + name + "' cannot name a file of a checkpoint: " + problem);
    }
  }

  /** {@code name}, a plain relative path, under {@code dir}, segment by segment. */
  public static Path resolve(Path dir, String name) {
    Path file = dir;
    for (String part : name.split("/")) file = file.resolve(part);
    return file;
  }
}

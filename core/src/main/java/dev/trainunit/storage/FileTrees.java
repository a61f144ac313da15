package dev.trainunit.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Copies directory trees between any two NIO file systems (the default one, a zip file, an
 * in-memory or object-store provider), publishing the copy under its final name only when it is
 * complete, and renames them as atomically as the provider allows.
 */
final class FileTrees {

  private FileTrees() {}

  /**
   * Copies {@code source} to {@code target} through a temporary sibling of {@code target},
   * replacing an existing {@code target}.
   */
  static void copyAtomically(Path source, Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = parent.resolve(CheckpointFiles.temporaryName(target));
    CheckpointFiles.started(temporary);
    try {
      copyTree(source, temporary);
      if (Files.exists(target)) PathUtils.deleteDirectory(target);
      rename(temporary, target);
      if (Files.exists(temporary)) moveContents(temporary, target);
    } catch (IOException | RuntimeException e) {
      try {
        if (Files.exists(temporary)) PathUtils.deleteDirectory(temporary);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    } finally {
      CheckpointFiles.finished(temporary);
    }
  }

  /**
   * Renames {@code from} to {@code to} in one atomic step where the provider can. Some providers
   * (zip, some object stores) cannot; a checkpoint's metadata file, written last, still marks it as
   * complete for the reader.
   */
  static void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /**
   * Finishes a directory move the provider did not do. The JDK zip file system "moves" a directory
   * by creating an empty target and leaving the source and its files in place (ignoring
   * ATOMIC_MOVE), so an upload would publish an empty checkpoint and leave the temporary behind.
   * Moves the files one by one instead, the checkpoint metadata last, so that a reader never takes
   * a half-moved directory for a complete checkpoint.
   */
  private static void moveContents(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files =
          walk.filter(Files::isRegularFile)
              .sorted(
                  Comparator.comparing(
                      (Path p) -> p.getFileName().toString().equals(CheckpointFiles.METADATA)))
              .toList();
    }
    for (Path file : files) {
      Path moved = resolve(to, from.relativize(file));
      Files.createDirectories(moved.getParent());
      Files.move(file, moved, StandardCopyOption.REPLACE_EXISTING);
    }
    PathUtils.deleteDirectory(from);
  }

  /**
   * Copies a tree file by file. Paths are resolved name by name, as strings, because a {@code Path}
   * of one provider cannot be resolved against a {@code Path} of another.
   */
  static void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isSymbolicLink())
              throw new IOException(dir + " is a symbolic link; refusing to copy it");
            Files.createDirectories(resolve(target, source.relativize(dir)));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            // Files.copy follows a symbolic link: a checkpoint (or a hostile remote copy) holding a
            // link to /etc/passwd would have had that file's content copied in. Only plain files
            // travel.
            if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
              throw new IOException(
                  file
                      + " is not a regular file (a symbolic link or special file); refusing to copy it");
            }
            Files.copy(
                file,
                resolve(target, source.relativize(file)),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * The options that open {@code file} for reading without following a link, where its provider
   * accepts them: the JDK zip file system has no links and refuses {@code NOFOLLOW_LINKS}.
   */
  static OpenOption[] noFollow(Path file) {
    return file.getFileSystem().provider().getScheme().equals("file")
        ? new OpenOption[] {LinkOption.NOFOLLOW_LINKS}
        : new OpenOption[0];
  }

  static Path resolve(Path base, Path relative) {
    Path result = base;
    for (Path part : relative) {
      String name = part.toString();
      if (!name.isEmpty()) result = result.resolve(name);
    }
    return result;
  }
}

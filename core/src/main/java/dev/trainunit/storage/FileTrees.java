package dev.trainunit.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.file.PathUtils;

/**
 * Copies directory trees between any two NIO file systems (the default one, a zip file, an
 * in-memory or object-store provider), publishing the copy under its final name only when it is
 * complete, and renames them as atomically as the provider allows.
 *
 * <p>Object stores (the AWS provider's {@code s3://} paths) are file systems in name only: a
 * "directory" is a prefix of keys, and the provider takes a path for one only when it ends with a
 * separator ({@code /trial/checkpoint_000000/}: without it, {@code Files.exists} asks for an object
 * of that exact key and finds none); listing a directory gives paths relative to the bucket, which
 * {@code Path.relativize} refuses against the absolute directory; a "move" is a copy of every
 * object and a delete, in key order, so the metadata file ({@code .checkpoint_metadata.json}) would
 * arrive first. Everything here therefore resolves entries name by name against the directory they
 * were listed from, marks directory paths with a trailing separator ({@link #asDirectory}, a no-op
 * on every provider that normalises it away), and renames only on the default file system: on any
 * other, a tree is copied in place, its metadata file last.
 */
final class FileTrees {

  private FileTrees() {}

  /** What {@link #walk} reports: a directory before its contents, and each regular file. */
  interface Visitor {
    /** {@code dir} is the walked directory itself first, then every directory under it. */
    default void directory(Path dir, BasicFileAttributes attrs) throws IOException {}

    /** Anything that is not a directory: a regular file, a symbolic link, a special file. */
    void file(Path file, BasicFileAttributes attrs) throws IOException;
  }

  /**
   * Walks the tree under {@code dir} without following links, as {@code Files.walkFileTree} does on
   * the default file system, but on any provider: each entry is resolved by its name against the
   * directory it was listed from (an object store lists paths relative to its bucket).
   */
  static void walk(Path dir, Visitor visitor) throws IOException {
    BasicFileAttributes attrs =
        Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isDirectory()) {
      visitor.file(dir, attrs);
      return;
    }
    visitor.directory(dir, attrs);
    for (Path child : list(dir)) {
      BasicFileAttributes a =
          Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isDirectory()) {
        walk(child, visitor);
      } else {
        visitor.file(child, a);
      }
    }
  }

  /**
   * The entries directly under {@code dir}, each resolved by its name against {@code dir}, with the
   * trailing separator that marks a directory on an object store kept.
   */
  static List<Path> list(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        Path name = p.getFileName();
        if (name != null) entries.add(dir.resolve(name.toString()));
      }
    }
    return entries;
  }

  /** The last name of {@code p}, without the separator an object store's directory ends with. */
  static String name(Path p) {
    Path fileName = p.getFileName();
    if (fileName == null) return "";
    String name = fileName.toString();
    String separator = p.getFileSystem().getSeparator();
    while (name.endsWith(separator) && name.length() > separator.length()) {
      name = name.substring(0, name.length() - separator.length());
    }
    return name;
  }

  /**
   * {@code dir} as a directory's path: with a trailing separator on a provider that keeps one (an
   * object store, where it is what makes the path a directory's), the same path on every other (the
   * default, zip and in-memory file systems normalise it away).
   */
  static Path asDirectory(Path dir) {
    Path parent = dir.getParent();
    Path fileName = dir.getFileName();
    if (parent == null || fileName == null) return dir;
    String separator = dir.getFileSystem().getSeparator();
    String name = fileName.toString();
    return name.endsWith(separator) ? dir : parent.resolve(name + separator);
  }

  /**
   * Whether a directory is stored at {@code dir}: on an object store, any path ending with a
   * separator is "a directory", stored or not, so it must exist as well.
   */
  static boolean isStoredDirectory(Path dir) {
    return Files.isDirectory(dir) && Files.exists(dir);
  }

  /** Whether the provider of {@code p} renames a directory in one atomic step. */
  private static boolean renamesDirectories(Path p) {
    return p.getFileSystem() == FileSystems.getDefault();
  }

  /**
   * Copies {@code source} to {@code target}, replacing an existing {@code target}, so that a reader
   * never takes a partial copy for a checkpoint. On the default file system through a temporary
   * sibling of {@code target}, renamed into place; on any other provider (a zip file's "move" of a
   * directory leaves its files behind, an object store's copies them one by one) in place: whatever
   * was at {@code target} is deleted, its metadata file first, then the files are copied, the
   * checkpoint metadata last, so that a copy cut short is never complete.
   */
  static void copyAtomically(Path source, Path target) throws IOException {
    if (!renamesDirectories(target)) {
      copyInPlace(source, asDirectory(target));
      return;
    }
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = parent.resolve(CheckpointFiles.temporaryName(target));
    CheckpointFiles.started(temporary);
    try {
      copyTree(source, temporary, false);
      if (Files.exists(target)) PathUtils.deleteDirectory(target);
      rename(temporary, target);
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

  private static void copyInPlace(Path source, Path target) throws IOException {
    Files.deleteIfExists(target.resolve(CheckpointFiles.METADATA));
    if (isStoredDirectory(target)) deleteTree(target);
    copyTree(source, target, true);
    Path metadata = asDirectory(source).resolve(CheckpointFiles.METADATA);
    if (Files.isRegularFile(metadata, LinkOption.NOFOLLOW_LINKS)) {
      Files.copy(
          metadata, target.resolve(CheckpointFiles.METADATA), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes the tree under {@code dir}, on any provider: its files, then its directories, deepest
   * first. A tree already gone is not an error.
   */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
    List<Path> directories = new ArrayList<>();
    walk(
        dir,
        new Visitor() {
          @Override
          public void directory(Path d, BasicFileAttributes attrs) {
            directories.add(d);
          }

          @Override
          public void file(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
          }
        });
    for (int i = directories.size() - 1; i >= 0; i--) Files.deleteIfExists(directories.get(i));
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
   * Copies a tree file by file; with {@code metadataLast}, the checkpoint metadata file at the top
   * of the tree is left out (for the caller to copy last). Paths are resolved name by name, as
   * strings, because a {@code Path} of one provider cannot be resolved against a {@code Path} of
   * another.
   */
  static void copyTree(Path source, Path target, boolean metadataLast) throws IOException {
    Path from = asDirectory(source);
    walk(
        from,
        new Visitor() {
          @Override
          public void directory(Path dir, BasicFileAttributes attrs) throws IOException {
            if (attrs.isSymbolicLink())
              throw new IOException(dir + " is a symbolic link; refusing to copy it");
            Files.createDirectories(asDirectory(resolve(target, relative(from, dir))));
          }

          @Override
          public void file(Path file, BasicFileAttributes attrs) throws IOException {
            // Files.copy follows a symbolic link: a checkpoint (or a hostile remote copy) holding a
            // link to /etc/passwd would have had that file's content copied in. Only plain files
            // travel.
            if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
              throw new IOException(
                  file
                      + " is not a regular file (a symbolic link or special file); refusing to copy it");
            }
            List<String> names = relative(from, file);
            if (metadataLast && names.equals(List.of(CheckpointFiles.METADATA))) return;
            Files.copy(file, resolve(target, names), StandardCopyOption.REPLACE_EXISTING);
          }
        });
  }

  /** The names leading from {@code dir} down to {@code p}, which {@link #walk} found under it. */
  static List<String> relative(Path dir, Path p) {
    List<String> names = new ArrayList<>();
    for (Path q = p; q != null && q.getNameCount() > dir.getNameCount(); q = q.getParent()) {
      names.add(0, name(q));
    }
    return names;
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

  static Path resolve(Path base, List<String> names) {
    Path result = base;
    for (String name : names) result = result.resolve(name);
    return result;
  }
}

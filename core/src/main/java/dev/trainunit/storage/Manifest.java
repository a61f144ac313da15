package dev.trainunit.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainunit.CheckpointException;
import dev.trainunit.internal.CheckpointIo;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The list of files a checkpoint holds, with their sizes and CRC32C checksums: what lets {@code
 * restore()} tell a complete checkpoint from a truncated or tampered one. Listed by {@code save()},
 * stored in the metadata file, checked against the directory on restore.
 */
final class Manifest {

  /**
   * One file of the checkpoint; {@code crc32c} is null when checksums were not computed. A {@code
   * streamed} file was written through {@code Checkpoint.output}, checksummed as it was written,
   * and is verified as it is read through {@code Checkpoint.input} rather than before {@code
   * loadCheckpoint}.
   */
  record Entry(long size, String crc32c, boolean streamed) {}

  private Manifest() {}

  /**
   * Lists every regular file under {@code dir} except the metadata file, by its relative path with
   * {@code /} separators. A symbolic link is refused: it could point anywhere. A file a stream
   * wrote, still of the size and modification time it had when the stream was closed, takes the
   * checksum the stream computed; any other is read to checksum it.
   */
  static Map<String, Entry> of(
      Path dir, boolean checksums, Map<String, CheckpointStreams.Written> streamed)
      throws IOException {
    Map<String, Entry> files = new TreeMap<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = relativeName(dir, file);
            if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
              throw new IOException(
                  name + " is not a regular file (a symbolic link or special file)");
            }
            if (name.equals(CheckpointFiles.METADATA)) return FileVisitResult.CONTINUE;
            String problem = CheckpointIo.problemWithName(name);
            if (problem != null) {
              // The same rule restore() applies to the manifest's names.
              throw new IOException(
                  "'" + name + "' cannot name a file of a checkpoint (" + problem + "); rename it");
            }
            CheckpointStreams.Written w = streamed.get(name);
            if (w != null
                && w.size() == attrs.size()
                && w.modified().equals(attrs.lastModifiedTime())
                && (w.crc32c() != null || !checksums)) {
              files.put(name, new Entry(attrs.size(), w.crc32c(), w.crc32c() != null));
            } else {
              files.put(
                  name, new Entry(attrs.size(), checksums ? checksum(file, attrs) : null, false));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
              throws IOException {
            if (Files.isSymbolicLink(d)) {
              throw new IOException(relativeName(dir, d) + " is a symbolic link");
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return files;
  }

  /**
   * The CRC32C of a file the hook wrote, refusing one that changes meanwhile: a hook that returned
   * while its own thread still writes would otherwise get a checksum of neither version.
   */
  private static String checksum(Path file, BasicFileAttributes before) throws IOException {
    String crc = Crc32c.of(file, before.size());
    BasicFileAttributes after =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (after.size() != before.size()
        || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
      throw new IOException(
          file
              + " changed while it was checksummed; saveCheckpoint must finish writing its files"
              + " before it returns");
    }
    return crc;
  }

  /**
   * The manifest as the metadata's {@code files} member: name to {@code size} and {@code crc32c}.
   */
  static Map<String, Object> toJson(Map<String, Entry> files) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    files.forEach(
        (name, entry) -> {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("size", entry.size());
          if (entry.crc32c() != null) e.put("crc32c", entry.crc32c());
          if (entry.streamed()) e.put("streamed", true);
          manifest.put(name, e);
        });
    return manifest;
  }

  /** Reads the metadata's {@code files} member back, refusing any entry save() would not write. */
  static Map<String, Entry> parse(Path metadataFile, JsonNode files) {
    if (files == null || !files.isObject()) {
      throw new CheckpointException(metadataFile, "metadata has no files manifest");
    }
    Map<String, Entry> declared = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      requireInside(metadataFile, name);
      JsonNode entry = e.getValue();
      if (!entry.isObject()) {
        throw new CheckpointException(
            metadataFile, "manifest entry " + name + " is not an object with a size");
      }
      for (Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!key.equals("size") && !key.equals("crc32c") && !key.equals("streamed")) {
          throw new CheckpointException(
              metadataFile, "manifest entry " + name + " has an unknown key '" + key + "'");
        }
      }
      JsonNode size = entry.get("size");
      if (size == null
          || !size.canConvertToExactIntegral()
          || !size.canConvertToLong()
          || size.longValue() < 0) {
        throw new CheckpointException(
            metadataFile, "manifest entry " + name + " has no valid size");
      }
      JsonNode crc = entry.get("crc32c");
      if (crc != null && !(crc.isTextual() && Crc32c.isWellFormed(crc.textValue()))) {
        // asText() of a number or object used to be compared as if it were a checksum.
        throw new CheckpointException(
            metadataFile, "manifest entry " + name + " has a crc32c that is not 8 hex digits");
      }
      JsonNode streamed = entry.get("streamed");
      if (streamed != null && !(streamed.isBoolean() && streamed.booleanValue() && crc != null)) {
        // save() writes it only as true, and only beside a checksum.
        throw new CheckpointException(
            metadataFile, "manifest entry " + name + " has a streamed member save() never writes");
      }
      declared.put(
          name,
          new Entry(size.longValue(), crc == null ? null : crc.textValue(), streamed != null));
    }
    return declared;
  }

  /** Refuses a name that could resolve outside the checkpoint directory. */
  private static void requireInside(Path metadataFile, String name) {
    if (CheckpointIo.problemWithName(name) != null || name.equals(CheckpointFiles.METADATA)) {
      throw new CheckpointException(
          metadataFile,
          "manifest names '"
              + name
              + "', which is not a plain path inside the checkpoint directory; refusing the checkpoint");
    }
  }

  /**
   * Compares the directory with the manifest. The walk stops at the first file the manifest does
   * not list (it used to collect every file first, so a directory stuffed with millions of files
   * cost memory in proportion), never follows a link, and never opens anything but the regular
   * files it found inside {@code dir} under a name the manifest declares. With {@code checksums},
   * every file's CRC32C is checked too, except those verified as they are read: the streamed ones,
   * and {@code readLater} (null for none), which the caller reads through a stream.
   */
  static void verify(Path dir, Map<String, Entry> declared, boolean checksums, String readLater) {
    Set<String> seen = new HashSet<>();
    try {
      // FileTrees.walk, not Files.walkFileTree: a remote copy is checked here before it is fetched,
      // and an object store's listing cannot be relativized against the directory.
      FileTrees.walk(
          dir,
          (file, attrs) -> {
            if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
              throw new CheckpointException(
                  file,
                  "is not a regular file (a symbolic link or special file); "
                      + "a checkpoint holds only plain files and directories, refusing the checkpoint");
            }
            String name = relativeName(dir, file);
            if (name.equals(CheckpointFiles.METADATA)) return;
            Entry entry = declared.get(name);
            if (entry == null) {
              throw new CheckpointException(
                  file, "is not listed in the manifest; the checkpoint was changed after save()");
            }
            if (attrs.size() != entry.size()) {
              throw new CheckpointException(
                  file,
                  "is "
                      + attrs.size()
                      + " bytes but was saved with "
                      + entry.size()
                      + " bytes; the file is truncated or was changed");
            }
            seen.add(name);
          });
    } catch (IOException e) {
      throw new CheckpointException(dir, "cannot be trusted: " + e, e);
    }
    for (Map.Entry<String, Entry> e : declared.entrySet()) {
      if (!seen.contains(e.getKey())) {
        throw new CheckpointException(
            dir.resolve(e.getKey()),
            "is listed in the manifest but missing; the checkpoint is incomplete");
      }
    }
    if (!checksums) return;
    for (Map.Entry<String, Entry> e : declared.entrySet()) {
      Entry entry = e.getValue();
      if (entry.crc32c() == null || entry.streamed() || e.getKey().equals(readLater)) continue;
      verifyChecksum(CheckpointIo.resolve(dir, e.getKey()), entry, "");
    }
  }

  /** Reads {@code file} to compare its CRC32C with the manifest's; {@code note} ends a refusal. */
  static void verifyChecksum(Path file, Entry entry, String note) {
    String crc;
    try {
      crc = Crc32c.of(file, entry.size());
    } catch (Crc32c.ChangedFileException ex) {
      throw new CheckpointException(
          file, "changed while it was verified; refusing the checkpoint: " + ex.getMessage(), ex);
    } catch (IOException ex) {
      throw new CheckpointException(file, "cannot be read: " + ex, ex);
    }
    if (!crc.equals(entry.crc32c())) {
      throw new CheckpointException(
          file,
          "has CRC32C "
              + crc
              + " but was saved with "
              + entry.crc32c()
              + "; the file is damaged or was changed"
              + note);
    }
  }

  static String relativeName(Path dir, Path file) {
    return String.join("/", FileTrees.relative(dir, file));
  }
}

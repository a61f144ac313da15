package dev.trainunit.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The list of files a checkpoint holds, with their sizes and CRC32C checksums: what lets
 * {@code restore()} tell a complete checkpoint from a truncated or tampered one.
 */
final class Manifest {

  /** One file of the checkpoint; {@code crc32c} is null when checksums were not computed. */
  record Entry(long size, String crc32c) {}

  private Manifest() {}

  /**
   * Lists every regular file under {@code dir} except the metadata file, by its relative path
   * with {@code /} separators. A symbolic link is refused: it could point anywhere.
   */
  static Map<String, Entry> of(Path dir, boolean checksums) throws IOException {
    Map<String, Entry> files = new TreeMap<>();
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String name = relativeName(dir, file);
        if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
          throw new IOException(name + " is not a regular file (a symbolic link or special file)");
        }
        if (!name.equals(CheckpointFiles.METADATA)) {
          files.put(name, new Entry(attrs.size(), checksums ? crc32c(file) : null));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        if (Files.isSymbolicLink(d)) {
          throw new IOException(relativeName(dir, d) + " is a symbolic link");
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return files;
  }

  static String relativeName(Path dir, Path file) {
    StringBuilder sb = new StringBuilder();
    for (Path part : dir.relativize(file)) {
      if (sb.length() > 0) sb.append('/');
      sb.append(part);
    }
    return sb.toString();
  }

  static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length);
    return hex(crc);
  }

  /**
   * The file's CRC32C as 8 lowercase hex digits.
   *
   * <p>Checksums cost one extra read of every file on save and one on restore, which for a large
   * state is most of what checkpointing adds over plain file I/O (CheckpointBenchmark). Reading
   * through a stream copies each chunk twice (page cache to NIO's temporary direct buffer, then
   * to the heap array); reading into a direct buffer copies once, and CRC32C digests the direct
   * buffer in place, which halves the cost of the pass for a 64 MB file. The buffer is kept per
   * thread, as NIO keeps its own temporary buffers, so small checkpoints do not pay for it.
   */
  static String crc32c(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = BUFFER.get();
    try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      if (in instanceof FileChannel channel && channel.size() >= MAP_THRESHOLD) {
        // A large file is digested straight from the page cache through a mapping, sparing the
        // copy into the buffer; the mapping goes with the channel's pages when the GC clears it.
        long size = channel.size();
        for (long position = 0; position < size; position += MAP_CHUNK) {
          crc.update(channel.map(FileChannel.MapMode.READ_ONLY, position, Math.min(MAP_CHUNK, size - position)));
        }
        return hex(crc);
      }
      buffer.clear();
      while (in.read(buffer) >= 0) {
        buffer.flip();
        crc.update(buffer);
        buffer.clear();
      }
    }
    return hex(crc);
  }

  /** 8 lowercase hex digits, the form the manifest stores. */
  private static String hex(CRC32C crc) {
    String hex = Long.toHexString(crc.getValue());
    return hex.length() >= 8 ? hex : "0".repeat(8 - hex.length()) + hex;
  }

  /** Files at least this large are mapped rather than read; below it a read is cheaper than a mapping. */
  private static final long MAP_THRESHOLD = 4L * 1024 * 1024;

  private static final long MAP_CHUNK = 256L * 1024 * 1024;

  private static final ThreadLocal<ByteBuffer> BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(256 * 1024));
}

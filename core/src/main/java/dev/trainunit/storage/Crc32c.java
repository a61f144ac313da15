package dev.trainunit.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * CRC32C checksums in the form a checkpoint stores them, 8 lowercase hex digits: of each file in
 * the manifest, and of the metadata itself.
 */
final class Crc32c {

  private static final Pattern TEXT = Pattern.compile("[0-9a-f]{8}");

  /**
   * Files at least this large are mapped rather than read; below it a read is cheaper than a
   * mapping.
   */
  private static final long MAP_THRESHOLD = 4L * 1024 * 1024;

  private static final long MAP_CHUNK = 256L * 1024 * 1024;

  private static final ThreadLocal<ByteBuffer> BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(256 * 1024));

  private Crc32c() {}

  /**
   * Whether {@code text} has the form a stored checksum has; anything else is damage or an edit.
   */
  static boolean isWellFormed(String text) {
    return text != null && TEXT.matcher(text).matches();
  }

  static String of(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length);
    return hex(crc);
  }

  /**
   * The file's CRC32C.
   *
   * <p>Checksums cost one extra read of every file on save and one on restore, which for a large
   * state is most of what checkpointing adds over plain file I/O (CheckpointBenchmark). Reading
   * through a stream copies each chunk twice (page cache to NIO's temporary direct buffer, then to
   * the heap array); reading into a direct buffer copies once, and CRC32C digests the direct buffer
   * in place, which halves the cost of the pass for a 64 MB file. The buffer is kept per thread, as
   * NIO keeps its own temporary buffers, so small checkpoints do not pay for it.
   */
  static String of(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = BUFFER.get();
    try (SeekableByteChannel in =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      if (in instanceof FileChannel channel && channel.size() >= MAP_THRESHOLD) {
        // A large file is digested straight from the page cache through a mapping, sparing the
        // copy into the buffer; the mapping goes with the channel's pages when the GC clears it.
        long size = channel.size();
        for (long position = 0; position < size; position += MAP_CHUNK) {
          crc.update(
              channel.map(
                  FileChannel.MapMode.READ_ONLY, position, Math.min(MAP_CHUNK, size - position)));
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

  private static String hex(CRC32C crc) {
    String hex = Long.toHexString(crc.getValue());
    return hex.length() >= 8 ? hex : "0".repeat(8 - hex.length()) + hex;
  }
}

package dev.trainunit.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
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
   * The CRC32C of a file that holds exactly {@code size} bytes.
   *
   * <p>The file is read through one direct buffer of 256 KB per thread, which CRC32C digests in
   * place, so memory stays bounded whatever the size. It is never mapped: a mapped file that
   * another party truncates faults inside the CRC32C intrinsic (SIGBUS) and kills the JVM. A file
   * that ends before {@code size} bytes or holds more, because it was changed while it was read, is
   * an error naming it; nothing past {@code size} + 1 bytes is read.
   *
   * @throws ChangedFileException when the file does not hold {@code size} bytes
   */
  static String of(Path file, long size) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = BUFFER.get();
    long read = 0;
    try (SeekableByteChannel in =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      while (true) {
        buffer.clear();
        // One byte past the expected end is enough to tell that the file grew.
        long wanted = size - read + 1;
        if (wanted < buffer.capacity()) buffer.limit((int) wanted);
        int n = in.read(buffer);
        if (n < 0) break;
        read += n;
        if (read > size) break;
        buffer.flip();
        crc.update(buffer);
      }
    }
    if (read != size) throw new ChangedFileException(file, size, read);
    return hex(crc);
  }

  /** A file that does not hold the number of bytes it was expected to hold when it was read. */
  static final class ChangedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    ChangedFileException(Path file, long expected, long read) {
      super(
          file
              + " changed while it was read: it had "
              + expected
              + " bytes, but "
              + (read > expected ? "more than " + expected : String.valueOf(read))
              + " were read");
    }
  }

  static String hex(CRC32C crc) {
    String hex = Long.toHexString(crc.getValue());
    return hex.length() >= 8 ? hex : "0".repeat(8 - hex.length()) + hex;
  }
}

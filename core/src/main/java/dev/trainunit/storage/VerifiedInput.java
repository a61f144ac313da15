package dev.trainunit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * A buffered stream over one checkpoint file that checks it against its manifest entry as the bytes
 * go by: never more than the manifest's size is read, and the read that reaches the end throws,
 * before it hands over the last bytes, when the file is shorter or longer or its CRC32C differs.
 * Closing the stream early reads and checks the rest. So a file read this way is read once on
 * restore, not once more to verify it first.
 */
final class VerifiedInput extends InputStream {

  /** What the stream reports: a file found intact, or damaged. */
  interface Outcome {
    void intact(Path file);

    /** Records the damage and returns the exception the stream throws. */
    IOException damaged(Path file, String problem);
  }

  private final Path file;
  private final SeekableByteChannel channel;
  private final long size;
  private final String expectedCrc;
  private final CRC32C crc;
  private final Outcome outcome;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;

  /** Bytes taken from the channel (and digested) so far. */
  private long consumed;

  private boolean checked;
  private IOException failure;

  /**
   * @param expectedCrc the manifest's CRC32C, or null to check the size only
   */
  VerifiedInput(
      Path file, SeekableByteChannel channel, long size, String expectedCrc, Outcome outcome) {
    this.file = file;
    this.channel = channel;
    this.size = size;
    this.expectedCrc = expectedCrc;
    this.crc = expectedCrc == null ? null : new CRC32C();
    this.outcome = outcome;
  }

  @Override
  public int read() throws IOException {
    if (position == limit && !fill()) return -1;
    return buffer[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) return 0;
    if (position < limit) {
      int n = Math.min(len, limit - position);
      System.arraycopy(buffer, position, b, off, n);
      position += n;
      return n;
    }
    if (len < buffer.length) {
      if (!fill()) return -1;
      return read(b, off, len);
    }
    // A large read goes straight into the caller's array, digested a chunk at a time.
    return take(b, off, (int) Math.min(len, ChecksummedOutput.CHUNK));
  }

  /**
   * Reads the rest of the file into one array of exactly its size, as the manifest gives it, which
   * spares the copies of the default implementation.
   */
  @Override
  public byte[] readAllBytes() throws IOException {
    long remaining = (limit - position) + (size - consumed);
    if (remaining > Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError(
          file + " holds " + remaining + " more bytes than one array can; read it in parts");
    }
    byte[] all = new byte[(int) remaining];
    int n = 0;
    while (n < all.length) {
      int r = read(all, n, all.length - n);
      if (r < 0) break;
      n += r;
    }
    if (!checked) check();
    return all;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n) {
      if (position == limit && !fill()) break;
      int k = (int) Math.min(n - skipped, limit - position);
      position += k;
      skipped += k;
    }
    return skipped;
  }

  @Override
  public int available() {
    return limit - position;
  }

  /**
   * Reads and checks what the caller left unread, then closes the file. Damage found before was
   * thrown by the read that found it, and is not thrown again.
   */
  @Override
  public void close() throws IOException {
    try (channel) {
      if (failure == null && !checked) {
        position = limit;
        while (fill()) position = limit;
      }
    }
  }

  /** Refills the buffer; false at the end of the file. */
  private boolean fill() throws IOException {
    position = 0;
    limit = 0;
    int n = take(buffer, 0, buffer.length);
    if (n < 0) return false;
    limit = n;
    return true;
  }

  /** Up to {@code len} bytes from the channel, digested; checks the file when they end it. */
  private int take(byte[] b, int off, int len) throws IOException {
    if (failure != null) throw new IOException(failure.getMessage(), failure);
    if (consumed == size) {
      if (!checked) check();
      return -1;
    }
    int wanted = (int) Math.min(len, size - consumed);
    ByteBuffer into = ByteBuffer.wrap(b, off, wanted);
    int n;
    try {
      n = channel.read(into);
    } catch (IOException e) {
      throw failure = e;
    }
    if (n < 0) {
      throw fail(
          "ended after "
              + consumed
              + " of the "
              + size
              + " bytes the manifest lists; it is truncated or was changed while it was read");
    }
    if (crc != null) crc.update(b, off, n);
    consumed += n;
    if (consumed == size) check();
    return n;
  }

  /** At the manifest's size: no byte more in the file, and the CRC32C as saved. */
  private void check() throws IOException {
    checked = true;
    int extra = channel.read(ByteBuffer.allocate(1));
    if (extra > 0) {
      throw fail(
          "holds more than the "
              + size
              + " bytes the manifest lists; it grew or was changed while it was read");
    }
    if (crc != null) {
      String actual = Crc32c.hex(crc);
      if (!actual.equals(expectedCrc)) {
        throw fail(
            "has CRC32C "
                + actual
                + " but was saved with "
                + expectedCrc
                + "; the file is damaged or was changed");
      }
    }
    outcome.intact(file);
  }

  private IOException fail(String problem) {
    checked = true;
    failure = outcome.damaged(file, problem);
    return failure;
  }
}

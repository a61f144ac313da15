package dev.trainunit.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A buffered stream into one new checkpoint file that computes the file's CRC32C as the bytes go
 * by, so that {@code save()} need not read the file again. Large writes bypass the buffer and are
 * digested and written in chunks of 1 MB, each still in the cache when it is digested.
 */
final class ChecksummedOutput extends OutputStream {

  /** What a stream reports when it is closed. */
  interface Closed {
    /**
     * @param complete false when a write failed: then what the file holds is not known
     * @param crc32c the CRC32C of the {@code size} bytes written, null without checksums
     */
    void closed(Path file, boolean complete, long size, String crc32c) throws IOException;
  }

  static final int CHUNK = 1024 * 1024;

  private final Path file;
  private final SeekableByteChannel channel;
  private final CRC32C crc;
  private final Closed onClose;
  private final byte[] buffer = new byte[64 * 1024];
  private int count;
  private long size;
  private boolean failed;
  private boolean closed;

  /**
   * @param checksum whether to compute the CRC32C; without it the stream reports null
   */
  ChecksummedOutput(Path file, SeekableByteChannel channel, boolean checksum, Closed onClose) {
    this.file = file;
    this.channel = channel;
    this.crc = checksum ? new CRC32C() : null;
    this.onClose = onClose;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (count == buffer.length) drain();
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    if (len < buffer.length - count) {
      System.arraycopy(b, off, buffer, count, len);
      count += len;
      return;
    }
    drain();
    for (int done = 0; done < len; ) {
      int n = Math.min(CHUNK, len - done);
      put(b, off + done, n);
      done += n;
    }
  }

  @Override
  public void flush() throws IOException {
    drain();
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try (channel) {
      drain();
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    } finally {
      onClose.closed(file, !failed, size, crc == null || failed ? null : Crc32c.hex(crc));
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) throw new IOException(file + ": the stream is closed");
  }

  private void drain() throws IOException {
    if (count == 0) return;
    int n = count;
    count = 0;
    put(buffer, 0, n);
  }

  private void put(byte[] b, int off, int len) throws IOException {
    try {
      if (crc != null) crc.update(b, off, len);
      ByteBuffer bytes = ByteBuffer.wrap(b, off, len);
      while (bytes.hasRemaining()) channel.write(bytes);
      size += len;
    } catch (IOException | RuntimeException e) {
      // Part of the bytes may be in the file: its checksum is unknown, save() reads it again.
      failed = true;
      throw e;
    }
  }
}

package dev.trainunit.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that a reader sees the old content or the new one, never half of it: into a
 * temporary file beside it, then moved into place. The temporary file's name is unique, so that two
 * writers (forks finishing at once) never write into the same one.
 */
final class AtomicFile {

  private AtomicFile() {}

  static void write(Path file, String content) throws IOException {
    // Not Files.createTempFile: its files are readable by their owner only, and the report is for
    // everyone.
    Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(
          tmp,
          content,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp); // left only when the write or the move failed
    }
  }
}

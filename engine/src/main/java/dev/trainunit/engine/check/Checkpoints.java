package dev.trainunit.engine.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;

/** Checkpoint handling shared by the checks. */
final class Checkpoints {

  private Checkpoints() {}

  /**
   * Copies a checkpoint directory into {@code targetParent}, keeping its name, so that a restore
   * cannot lean on anything left in the original trial directory.
   */
  static Path copyTo(Path checkpoint, Path targetParent) {
    Path copy = targetParent.resolve(checkpoint.getFileName().toString());
    try {
      PathUtils.copyDirectory(checkpoint, copy);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy checkpoint " + checkpoint + " to " + copy, e);
    }
  }
}

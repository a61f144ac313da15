package dev.trainunit.engine.check;

import dev.trainunit.engine.run.ReferenceRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.io.file.PathUtils;

/** Checkpoint handling shared by the checks. */
final class Checkpoints {

  private Checkpoints() {}

  /**
   * The reference run's checkpoint iterations for planning the budget: none when its saves failed
   * (the checks that need them then fail at once, spending nothing).
   */
  static List<Integer> plannedIterations(ReferenceRun reference) {
    return reference.saveFailure().isPresent() ? List.of() : reference.checkpointIterations();
  }

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

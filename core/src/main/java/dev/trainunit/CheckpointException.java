package dev.trainunit;

import dev.trainunit.internal.Locations;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * A checkpoint could not be written, found or trusted: missing, truncated, tampered with, of an
 * unknown format version, or naming files outside its directory. The message names the path and
 * what is wrong with it.
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public class CheckpointException extends TrainableException {

  private static final long serialVersionUID = 1L;

  private final transient Path path;

  public CheckpointException(Path path, String problem) {
    super("checkpoint " + Locations.describe(path) + ": " + problem);
    this.path = path;
  }

  public CheckpointException(Path path, String problem, Throwable cause) {
    super("checkpoint " + Locations.describe(path) + ": " + problem, cause);
    this.path = path;
  }

  /** The checkpoint directory, or the file inside it, that is at fault. */
  public Path path() {
    return path;
  }
}

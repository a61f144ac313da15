package dev.trainunit.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * How a path is named in messages, on any file system.
 *
 * <p>Internal: for TrainUnit's own modules, not for model code; it may change in any release.
 */
@API(status = API.Status.INTERNAL, since = "0.2.0")
public final class Locations {

  private Locations() {}

  /**
   * A path of the default file system as it is; any other by its URI ({@code s3://bucket/trial},
   * {@code jar:file:///remote.zip!/trial}): the string of an object store's path names no bucket,
   * endpoint or scheme ({@code /trial}), which says nothing of where the files are. A provider's
   * URI form leaves out the credentials a user gave in the URI.
   */
  public static String describe(Path path) {
    if (path == null || path.getFileSystem() == FileSystems.getDefault()) {
      return String.valueOf(path);
    }
    try {
      return path.toUri().toString();
    } catch (RuntimeException e) {
      // toUri may fail on a relative path or a closed file system; the plain form is still a name
      return path.toString();
    }
  }
}

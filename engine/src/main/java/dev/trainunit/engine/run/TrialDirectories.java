package dev.trainunit.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out a fresh directory per trial under one base directory, so that no two trials (and no
 * two parallel checks) ever share a file.
 */
public final class TrialDirectories {

  private final Path base;
  private final AtomicInteger sequence = new AtomicInteger();

  public TrialDirectories(Path base) {
    this.base = base;
  }

  public Path base() {
    return base;
  }

  /** A new, empty directory named after {@code label}. */
  public Path next(String label) {
    Path dir = base.resolve(String.format("%03d-%s", sequence.incrementAndGet(), sanitize(label)));
    try {
      if (Files.exists(dir)) org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create trial directory " + dir, e);
    }
  }

  /** Keeps a label usable as a file name on every platform. */
  public static String sanitize(String label) {
    String s = label.replaceAll("[^A-Za-z0-9._-]+", "_");
    return s.length() > 60 ? s.substring(0, 60) : s;
  }
}

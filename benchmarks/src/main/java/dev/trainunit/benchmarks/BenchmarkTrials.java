package dev.trainunit.benchmarks;

import dev.trainunit.CheckpointOptions;
import dev.trainunit.Trial;
import dev.trainunit.logging.LoggerCreator;
import dev.trainunit.logging.ResultLoggers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Trials in throw-away directories, as the benchmarks set them up and tear them down. */
final class BenchmarkTrials {

  private BenchmarkTrials() {}

  /**
   * The result loggers named by a benchmark's {@code loggers} parameter: {@code none}, {@code json}
   * ({@code result.json} + {@code params.json}) or {@code tuneDefaults} (those and {@code
   * progress.csv}).
   */
  static LoggerCreator loggers(String name) {
    return switch (name) {
      case "none" -> ResultLoggers.none();
      case "json" -> ResultLoggers.json();
      case "tuneDefaults" -> ResultLoggers.tuneDefaults();
      default ->
          throw new IllegalArgumentException(
              "unknown loggers '" + name + "'; use none, json or tuneDefaults");
    };
  }

  static Trial trial(Path logdir, String loggers, CheckpointOptions checkpointOptions) {
    return Trial.builder(logdir)
        .id("bench")
        .name("bench")
        .loggerCreator(loggers(loggers))
        .checkpointOptions(checkpointOptions)
        .build();
  }

  static Path newTempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and everything under it; nothing when it is already gone. */
  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator)
        Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}

package dev.trainunit.examples;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Small helpers that drive a trainable through the public core API, for the plain Jupiter tests.
 */
final class Runs {

  private Runs() {}

  /** A started trainable of {@code type} whose trial directory is {@code dir}. */
  static <T extends AbstractTrainable> T create(Class<T> type, Config config, Path dir) {
    return TrainableFactory.create(
        type, config, Trial.builder(dir).id("t").name("example").build());
  }

  /**
   * Trains up to {@code n} iterations (fewer when a result is done) and returns what each step
   * reported, without the auto-filled metrics (they hold times and dates).
   */
  static List<Map<String, Object>> train(AbstractTrainable trainable, int n) {
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Result result = trainable.train();
      metrics.add(Map.copyOf(result.metrics()));
      if (result.isDone()) break;
    }
    return metrics;
  }

  /**
   * A fresh instance's first {@code n} (or fewer, when done) iterations, the instance stopped
   * after.
   */
  static List<Map<String, Object>> reference(
      Class<? extends AbstractTrainable> type, Config config, int n, Path dir) {
    AbstractTrainable trainable = create(type, config, dir);
    try {
      return train(trainable, n);
    } finally {
      trainable.stop();
    }
  }

  static double first(List<Map<String, Object>> run, String metric) {
    return ((Number) run.get(0).get(metric)).doubleValue();
  }

  static double last(List<Map<String, Object>> run, String metric) {
    return ((Number) run.get(run.size() - 1).get(metric)).doubleValue();
  }

  /** Copies a checkpoint directory, as the engine does before restoring it elsewhere. */
  static Path copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkpoint's files other than the framework's metadata, as name → bytes. */
  static Map<String, List<Byte>> payload(Path checkpointDir) {
    try (Stream<Path> files = Files.list(checkpointDir)) {
      Map<String, List<Byte>> out = new TreeMap<>();
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().equals(".checkpoint_metadata.json")) continue;
        List<Byte> bytes = new ArrayList<>();
        for (byte b : Files.readAllBytes(p)) bytes.add(b);
        out.put(p.getFileName().toString(), bytes);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

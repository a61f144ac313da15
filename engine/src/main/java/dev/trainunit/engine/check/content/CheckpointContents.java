package dev.trainunit.engine.check.content;

import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointMetadata;
import dev.trainunit.engine.check.content.FileContents.Difference;
import dev.trainunit.storage.CheckpointFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Compares two checkpoints by the state they hold: the counters of their metadata, the map a hook
 * returned, and each file the hook wrote, through {@link FileContents}. The framework's own files
 * are left out (their checksums and the last result legitimately differ).
 */
@API(status = API.Status.INTERNAL)
public final class CheckpointContents {

  private final FileContents files;

  public CheckpointContents(ClassLoader trainableLoader) {
    this.files = new FileContents(trainableLoader);
  }

  /** The first place where {@code b} holds other state than {@code a}. */
  public Optional<Difference> firstDifference(Checkpoint a, Checkpoint b) {
    Optional<Difference> counters = counters(a.metadata(), b.metadata());
    if (counters.isPresent()) return counters;
    Optional<Difference> map =
        ObjectGraphs.firstDifference(a.data().asMap(), b.data().asMap(), "map")
            .map(
                m ->
                    new Difference(
                        "the map saveCheckpoint returned, at " + m.path(),
                        "map",
                        m.expected(),
                        m.actual()));
    if (map.isPresent()) return map;
    Map<String, Path> fa = files(a.path());
    Map<String, Path> fb = files(b.path());
    if (!fa.keySet().equals(fb.keySet())) {
      return Optional.of(
          new Difference("its files", "directory", fa.keySet().toString(), fb.keySet().toString()));
    }
    for (String name : fa.keySet()) {
      Optional<Difference> d = files.firstDifference(name, read(fa.get(name)), read(fb.get(name)));
      if (d.isPresent()) return d;
    }
    return Optional.empty();
  }

  private static Optional<Difference> counters(CheckpointMetadata a, CheckpointMetadata b) {
    return counter("iteration", a.iteration(), b.iteration())
        .or(() -> counter("time_total_s", a.timeTotalS(), b.timeTotalS()))
        .or(() -> counter("timesteps_total", a.timestepsTotal(), b.timestepsTotal()))
        .or(() -> counter("episodes_total", a.episodesTotal(), b.episodesTotal()));
  }

  private static Optional<Difference> counter(String name, Object a, Object b) {
    return Objects.equals(a, b)
        ? Optional.empty()
        : Optional.of(
            new Difference(
                "the counter " + name, "counters", String.valueOf(a), String.valueOf(b)));
  }

  /** The checkpoint's own files by relative name, without the framework's metadata and map. */
  private static Map<String, Path> files(Path dir) {
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(Files::isRegularFile)
          .filter(
              p ->
                  !p.getFileName().toString().equals(CheckpointFiles.METADATA)
                      && !p.getFileName().toString().equals(CheckpointFiles.DATA))
          .forEach(p -> files.put(dir.relativize(p).toString(), p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoint " + dir, e);
    }
    return files;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint file " + file, e);
    }
  }
}

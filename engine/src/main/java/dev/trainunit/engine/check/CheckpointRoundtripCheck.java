package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.engine.run.TrainableDriver;
import dev.trainunit.storage.CheckpointFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code checkpoint-roundtrip}: restoring a checkpoint and saving again at once gives an equal
 * checkpoint — the same files with the same bytes, or the same map, and the same counters.
 */
public final class CheckpointRoundtripCheck implements Check {

  @Override
  public String id() {
    return "checkpoint-roundtrip";
  }

  @Override
  public String description() {
    return "restore then save again gives an equal checkpoint";
  }

  @Override
  public void run(CheckContext context) {
    int k = Math.max(1, context.reference().length() / 2);
    TrainableDriver original = context.start("roundtrip-original");
    original.train(k);
    Checkpoint first = original.save();
    TrainableDriver restored = context.start("roundtrip-restored");
    restored.restore(Checkpoints.copyTo(first.path(), context.newDirectory("roundtrip-copy")));
    Checkpoint second = restored.save();

    if (first.iteration() != second.iteration()
        || first.metadata().timeTotalS() != second.metadata().timeTotalS()
        || !Objects.equals(first.metadata().timestepsTotal(), second.metadata().timestepsTotal())
        || !Objects.equals(first.metadata().episodesTotal(), second.metadata().episodesTotal())) {
      throw Failures.failed("the checkpoint saved right after restoring the one taken at iteration " + k
          + " has different counters: " + first.metadata() + " then " + second.metadata());
    }
    if (!first.data().equals(second.data())) {
      String key = firstDifferentKey(first.data().asMap(), second.data().asMap());
      throw Failures.failed("the map saved right after restoring the checkpoint of iteration " + k
          + " differs at key '" + key + "': " + first.data().get(key) + " then " + second.data().get(key)
          + " — loadCheckpoint does not restore it, or saveCheckpoint saves something loadCheckpoint ignores");
    }
    Map<String, byte[]> a = files(first.path());
    Map<String, byte[]> b = files(second.path());
    if (!a.keySet().equals(b.keySet())) {
      throw Failures.failed("the checkpoint saved right after restoring the one of iteration " + k
          + " holds files " + b.keySet() + " instead of " + a.keySet());
    }
    for (String name : a.keySet()) {
      if (!Arrays.equals(a.get(name), b.get(name))) {
        throw Failures.failed("file " + name + " of the checkpoint saved right after restoring the one of iteration " + k
            + " differs (" + a.get(name).length + " bytes, then " + b.get(name).length + " bytes, first difference at byte "
            + Arrays.mismatch(a.get(name), b.get(name)) + ") — loadCheckpoint does not restore everything saveCheckpoint saves");
      }
    }
  }

  private static String firstDifferentKey(Map<String, Object> a, Map<String, Object> b) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys.stream().filter(key -> !Objects.equals(a.get(key), b.get(key))).findFirst().orElse("?");
  }

  /** The checkpoint's own files and their bytes, without the framework's metadata. */
  private static Map<String, byte[]> files(Path dir) {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals(CheckpointFiles.METADATA)
            && !p.getFileName().toString().equals(CheckpointFiles.DATA)) {
          files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + dir, e);
    }
    return files;
  }
}

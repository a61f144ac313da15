package dev.trainunit.reliability;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.logging.ResultLoggers;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@link CheckpointMemoryTest}: saves and restores a checkpoint holding one sparse
 * file of the given size (no real data), and prints the peak resident set size before and after
 * each, {@code HWM <start> <after save> <after restore>} in kB, as Linux's {@code VmHWM} reports
 * it.
 *
 * <p>Arguments: trial directory, file size in bytes.
 */
public final class SparseFileChild {

  /** Writes one sparse file of {@code size} bytes and reads nothing back. */
  public static class SparseModel extends AbstractTrainable {
    long size;

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
      try (RandomAccessFile f = new RandomAccessFile(dir.resolve("sparse.bin").toFile(), "rw")) {
        f.setLength(size);
      }
      return null;
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) {}
  }

  private SparseFileChild() {}

  public static void main(String[] args) throws IOException {
    Trial trial = Trial.builder(Path.of(args[0])).loggerCreator(ResultLoggers.none()).build();
    SparseModel model = TrainableFactory.create(SparseModel.class, Config.empty(), trial);
    model.size = Long.parseLong(args[1]);
    model.train();
    long start = peakRssKb();
    Checkpoint checkpoint = model.save();
    long afterSave = peakRssKb();
    model.restore(checkpoint.path());
    long afterRestore = peakRssKb();
    model.stop();
    System.out.println("HWM " + start + " " + afterSave + " " + afterRestore);
  }

  static long peakRssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
    }
    throw new IllegalStateException("no VmHWM in /proc/self/status");
  }
}

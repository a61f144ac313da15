package dev.trainunit.reliability;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.logging.ResultLoggers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child JVM of {@link ShrinkingFileTest}: saves or restores checkpoints while another thread
 * truncates and rewrites one of their files, again and again for a few seconds, and prints {@code
 * OK <succeeded> <refused>} when every attempt either succeeded or was refused with a {@link
 * CheckpointException} naming the file. Anything else ends the JVM with its stack trace and exit
 * code 2; a fault inside the checksum ends it without either.
 *
 * <p>Arguments: {@code save} or {@code restore}, trial directory, milliseconds to keep trying.
 */
public final class ShrinkingFileChild {

  static final String FILE = "shrinking.bin";
  static final int SIZE = 32 * 1024 * 1024;
  static final byte[] CONTENT = new byte[SIZE];

  static {
    new SplittableRandom(42).nextBytes(CONTENT);
  }

  /** Truncates and rewrites {@link #FILE} in a loop until it is stopped. */
  static final class Shrinker extends Thread {
    private final Path file;
    private final AtomicBoolean running = new AtomicBoolean(true);

    Shrinker(Path file) {
      this.file = file;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        while (running.get()) {
          ch.truncate(0);
          ch.position(0);
          ByteBuffer bytes = ByteBuffer.wrap(CONTENT);
          while (bytes.hasRemaining()) ch.write(bytes);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void finish() throws InterruptedException {
      running.set(false);
      join();
    }
  }

  /**
   * Writes {@link #FILE} and, when {@code racing}, returns while its own thread still rewrites it.
   */
  public static class RacingWriter extends AbstractTrainable {
    boolean racing;
    Shrinker shrinker;

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
      Path file = Files.write(dir.resolve(FILE), CONTENT);
      if (racing) {
        shrinker = new Shrinker(file);
        shrinker.start();
      }
      return null;
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) {}
  }

  private ShrinkingFileChild() {}

  public static void main(String[] args) throws Exception {
    boolean save = args[0].equals("save");
    Path trialDir = Path.of(args[1]);
    long until = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000;
    Trial trial = Trial.builder(trialDir).loggerCreator(ResultLoggers.none()).build();
    RacingWriter model = TrainableFactory.create(RacingWriter.class, Config.empty(), trial);
    model.train();
    Checkpoint intact = save ? null : model.save();
    Shrinker shrinker = save ? null : new Shrinker(intact.path().resolve(FILE));
    if (shrinker != null) shrinker.start();
    model.racing = save;
    int succeeded = 0;
    int refused = 0;
    while (System.nanoTime() < until) {
      try {
        if (save) {
          Checkpoint c = model.save();
          model.shrinker.finish();
          model.deleteCheckpoint(c.path());
        } else {
          model.restore(intact.path());
        }
        succeeded++;
      } catch (CheckpointException e) {
        if (save) model.shrinker.finish();
        if (!e.getMessage().contains(FILE)) throw e;
        refused++;
      }
    }
    if (shrinker != null) shrinker.finish();
    System.out.println("OK " + succeeded + " " + refused);
  }
}

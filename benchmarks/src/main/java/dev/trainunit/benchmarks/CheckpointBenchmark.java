package dev.trainunit.benchmarks;

import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointOptions;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/*
 * What a checkpoint costs: save() followed by restore() of a trainable whose state is `size`
 * bytes, against writing and reading the same bytes with Files in the same run.
 *
 * MEASURES
 *   rawWriteRead: Files.write(file, bytes) then Files.readAllBytes(file): the floor for any
 *                 checkpoint that goes through the file system.
 *   saveRestore:  PayloadTrainable.save() (its saveCheckpoint writes the same bytes into a
 *                 hidden temporary directory) followed by restore(path) (metadata and manifest
 *                 read back and checked, then loadCheckpoint reads the file). With io=stream, the
 *                 default way to write a file checkpoint, the hooks write and read through
 *                 Checkpoint.output / Checkpoint.input, which checksum and verify the bytes as
 *                 they go by; with io=files they use Files.write and Files.readAllBytes, and with
 *                 verifyChecksums=true (CheckpointOptions.DEFAULT) save() and restore() read the
 *                 file once more each for its CRC32C. verifyChecksums=false shows the cost
 *                 without checksums.
 *   Throughput ratio = rawWriteRead time / saveRestore time; the design target for 64 MB is
 *   >= 0.9 (with the default options).
 *
 * DELIBERATELY DOES NOT MEASURE
 *   - the disk: there is no fsync on either side (CheckpointOptions.fsync is false, as by
 *     default), so both sides run against the page cache; on a quiet machine with enough free
 *     memory this compares CPU and copy costs, which is what TrainUnit controls;
 *   - deleting files: each invocation's checkpoint (or raw file) is deleted in an untimed
 *     Level.Invocation teardown, so the disk does not fill and neither side pays truncation;
 *   - remote sync (Trial.remote) and checkpoints returned as a map (JSON data): other costs.
 *   Level.Invocation adds timestamps around each call; every call here takes tens of
 *   microseconds or more, so that is noise, not bias.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CheckpointBenchmark {

  /** The bytes to checkpoint, shared by both benchmarks, and a directory for them. */
  @State(Scope.Thread)
  public static class Payload {
    @Param({"1024", "1048576", "67108864"})
    public int size;

    byte[] bytes;
    Path dir;

    @Setup(Level.Trial)
    public void create() {
      bytes = new byte[size];
      new SplittableRandom(size).nextBytes(bytes);
      dir = BenchmarkTrials.newTempDir("trainunit-checkpoint-");
    }

    @TearDown(Level.Trial)
    public void delete() {
      BenchmarkTrials.deleteRecursively(dir);
    }
  }

  /** The file rawWriteRead writes; deleted after each call. */
  @State(Scope.Thread)
  public static class RawFile {
    Path file;

    @Setup(Level.Trial)
    public void name(Payload payload) {
      file = payload.dir.resolve("raw.bin");
    }

    @TearDown(Level.Invocation)
    public void delete() throws IOException {
      Files.deleteIfExists(file);
    }
  }

  /**
   * A started PayloadTrainable holding the payload; its last checkpoint is deleted after each call.
   */
  @State(Scope.Thread)
  public static class Trained {
    /** CheckpointOptions.verifyChecksums; true is the default. */
    @Param({"true", "false"})
    public boolean verifyChecksums;

    /** stream: Checkpoint.output / input (the default way); files: Files.write / readAllBytes. */
    @Param({"stream", "files"})
    public String io;

    PayloadTrainable trainable;
    Checkpoint last;

    @Setup(Level.Trial)
    public void start(Payload payload) {
      Path logdir = payload.dir.resolve("trial");
      trainable =
          TrainableFactory.create(
              PayloadTrainable.class,
              Config.empty(),
              BenchmarkTrials.trial(logdir, "none", new CheckpointOptions(false, verifyChecksums)));
      trainable.setState(payload.bytes);
      trainable.writeFilesDirectly(io.equals("files"));
    }

    @TearDown(Level.Invocation)
    public void deleteCheckpoint() {
      if (last != null) trainable.deleteCheckpoint(last.path());
      last = null;
    }

    @TearDown(Level.Trial)
    public void stop() {
      trainable.stop();
    }
  }

  @Benchmark
  public byte[] rawWriteRead(Payload payload, RawFile raw) throws IOException {
    Files.write(raw.file, payload.bytes);
    return Files.readAllBytes(raw.file);
  }

  @Benchmark
  public byte[] saveRestore(Trained t) {
    Checkpoint checkpoint = t.trainable.save();
    t.last = checkpoint;
    t.trainable.restore(checkpoint.path());
    return t.trainable.state();
  }
}

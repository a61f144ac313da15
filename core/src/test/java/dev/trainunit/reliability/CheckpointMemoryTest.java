package dev.trainunit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.Config;
import dev.trainunit.SyncConfig;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.logging.ResultLoggers;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checksumming a large checkpoint costs bounded memory, and a file whose size is not the manifest's
 * is refused before a byte of it is read, whether it is restored in place or fetched from remote
 * storage. Sparse files stand in for large ones: no real data is written.
 */
class CheckpointMemoryTest {

  private static final long GB = 1024L * 1024 * 1024;

  @TempDir Path temp;

  /**
   * Files were checksummed through memory mappings that stayed until a GC: a 2 GB checkpoint took
   * the resident set from 66 MB to 2.1 GB on save and again on restore, whatever -Xmx said.
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void saveAndRestoreOfAHalfGigabyteFileStayWithinBoundedMemory() throws Exception {
    assumeThat(Path.of("/proc/self/status")).as("Linux reports VmHWM").exists();
    Path out = temp.resolve("child.out");
    Path err = temp.resolve("child.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SparseFileChild.class.getName(),
                    temp.resolve("trial").toString(),
                    String.valueOf(GB / 2)))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(child.waitFor(110, TimeUnit.SECONDS)).as("child finished").isTrue();
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(child.exitValue())
        .as("child exit code; stderr:\n%s", Files.readString(err, StandardCharsets.UTF_8))
        .isZero();
    String[] hwm = stdout.trim().split(" ");
    long start = Long.parseLong(hwm[1]);
    long afterSave = Long.parseLong(hwm[2]);
    long afterRestore = Long.parseLong(hwm[3]);
    CrashConsistencyTest.report(
        String.format(
            "checksum memory: peak RSS %d MB at start, %d MB after save(), %d MB after restore() of"
                + " a 512 MB file, -Xmx64m",
            start / 1024, afterSave / 1024, afterRestore / 1024));
    assertThat(afterSave - start).as("peak RSS growth on save, kB").isLessThan(64 * 1024);
    assertThat(afterRestore - start).as("peak RSS growth on restore, kB").isLessThan(64 * 1024);
  }

  /** A sparse 32 GB file where the checkpoint had a small one is refused at once, unread. */
  @Test
  void aHugeFileInPlaceOfASmallOneIsRefusedAtOnceNamingIt() throws Exception {
    CorpusModel model = start(temp.resolve("trial"), null);
    model.train();
    Checkpoint checkpoint = model.save();
    Path weights = checkpoint.path().resolve("weights.bin");
    grow(weights, 32 * GB);

    long t0 = System.nanoTime();
    Throwable refused = catchThrowable(() -> model.restore(checkpoint.path()));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(refused)
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(weights.toString())
        .hasMessageContaining("bytes but was saved with");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(model.loads).isZero();
  }

  /**
   * Fetching a checkpoint whose local copy is gone copied every file of the remote copy before the
   * manifest was looked at: a sparse 32 GB file there was read in full (over a minute) before the
   * checkpoint was refused. Its sizes are now checked against its manifest first.
   */
  @Test
  void aFetchedCheckpointWithAHugeFileIsRefusedBeforeItIsCopied() throws Exception {
    Path remote = temp.resolve("remote");
    CorpusModel model = start(temp.resolve("trial"), remote);
    model.train();
    Checkpoint checkpoint = model.save();
    Path remoteCopy = remote.resolve(checkpoint.path().getFileName().toString());
    assertThat(remoteCopy.resolve("weights.bin")).exists();
    PathUtils.deleteDirectory(checkpoint.path());
    grow(remoteCopy.resolve("weights.bin"), 32 * GB);

    long t0 = System.nanoTime();
    Throwable refused = catchThrowable(() -> model.restore(checkpoint.path()));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(refused)
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("weights.bin")
        .hasMessageContaining("bytes but was saved with");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(checkpoint.path()).as("nothing fetched").doesNotExist();
    assertThat(model.loads).isZero();
  }

  private static CorpusModel start(Path trialDir, Path remote) {
    Trial.Builder trial = Trial.builder(trialDir).loggerCreator(ResultLoggers.none());
    if (remote != null) trial.remote(remote, new SyncConfig(Duration.ofHours(1), true));
    return TrainableFactory.create(CorpusModel.class, Config.empty(), trial.build());
  }

  private static void grow(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
  }
}

package dev.trainunit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointOptions;
import dev.trainunit.Config;
import dev.trainunit.HookException;
import dev.trainunit.SyncConfig;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.logging.ResultLoggers;
import dev.trainunit.storage.TrialStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save that fails half-way (the hook throws after writing part of its files) and a save that was
 * killed (its temporary directory left behind) must both leave the previous checkpoint as it was,
 * and must never be taken for a checkpoint.
 */
class InterruptedSaveTest {

  @TempDir Path trialDir;

  /** Writes half of its files, then throws when asked to. */
  public static class HalfWriter extends BlobModel {
    boolean failNextSave;

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
      if (!failNextSave) return super.saveCheckpoint(dir);
      Files.write(dir.resolve(FILES[0]), state[0]);
      throw new IOException("disk full (simulated) after " + FILES[0]);
    }
  }

  @Test
  void hookThrowingMidSaveLeavesPreviousCheckpointIntact() throws IOException {
    HalfWriter model = create();
    model.train();
    Checkpoint first = model.save();
    Map<String, String> before = contents(first.path());
    model.train();
    model.failNextSave = true;

    assertThatThrownBy(model::save)
        .isInstanceOf(HookException.class)
        .hasMessageContaining("saveCheckpoint")
        .hasStackTraceContaining("disk full (simulated)");

    assertThat(entries())
        .as("no new checkpoint and no temporary left")
        .containsExactly(first.path().getFileName().toString());
    assertThat(contents(first.path())).as("previous checkpoint byte for byte").isEqualTo(before);
    Checkpoint latest = storage().latest().orElseThrow();
    assertThat(latest.iteration()).isEqualTo(1);
    model.failNextSave = false;
    assertThat(model.save().path().getFileName().toString()).isEqualTo("checkpoint_000001");
  }

  @Test
  void abandonedTemporaryIsNeverACheckpointAndIsRemovedByTheNextSave() throws IOException {
    HalfWriter model = create();
    model.train();
    Checkpoint first = model.save();
    // What a save killed just before its rename leaves: a complete-looking directory under a
    // temporary name (with a higher index), written by a process that no longer exists.
    long deadPid = deadPid();
    Path abandoned = trialDir.resolve(".checkpoint_000007.tmp-" + deadPid + "-1f2e3d");
    HostileCheckpointTest.copyTree(first.path(), abandoned);
    Path oldFormat = trialDir.resolve(".checkpoint_000008.tmp-5a5a5a");
    HostileCheckpointTest.copyTree(first.path(), oldFormat);
    // One a live process (this JVM's parent, which outlives the test) is still writing.
    long livePid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
    Path live = trialDir.resolve(".checkpoint_000009.tmp-" + livePid + "-abc");
    Files.createDirectory(live);

    assertThat(storage().latest().orElseThrow().path()).isEqualTo(first.path());
    model.train();
    Checkpoint second = model.save();

    assertThat(second.path().getFileName().toString())
        .as("temporaries do not advance the index")
        .isEqualTo("checkpoint_000001");
    assertThat(abandoned).as("left by a dead process").doesNotExist();
    assertThat(oldFormat).as("left by an older TrainUnit").doesNotExist();
    assertThat(live).as("still being written by a live process").exists();
  }

  /** The trial directory's checkpoints, read as restore() reads them. */
  private TrialStorage storage() {
    return new TrialStorage(
        trialDir, CheckpointOptions.DEFAULT, Optional.empty(), SyncConfig.DEFAULT);
  }

  private HalfWriter create() {
    Trial trial = Trial.builder(trialDir).loggerCreator(ResultLoggers.none()).build();
    return TrainableFactory.create(HalfWriter.class, Config.of(Map.of("scale", 1.0 / 64)), trial);
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(trialDir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static Map<String, String> contents(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .collect(
              Collectors.toMap(
                  p -> dir.relativize(p).toString(),
                  p -> {
                    try {
                      return HostileCheckpointCorpus.crc32c(Files.readAllBytes(p))
                          + "/"
                          + Files.size(p);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  },
                  (a, b) -> a,
                  TreeMap::new));
    }
  }

  /** The id of a process that has exited. */
  private static long deadPid() throws IOException {
    try {
      Process p = new ProcessBuilder("true").start();
      p.waitFor();
      return p.pid();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}

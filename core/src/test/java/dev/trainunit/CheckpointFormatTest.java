package dev.trainunit;

import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.TestTrainables.Counter;
import dev.trainunit.TestTrainables.FileModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of format version 1, committed under src/test/resources/checkpoint-format/v1, still
 * restore: a later change of TrainUnit's own checkpoint layout (its metadata, its checksums, where
 * the map goes) must go on reading them, as the golden checkpoints users commit depend on it.
 * Written once by {@code -Dtrainunit.format.record=true}; never re-record them to make this pass.
 */
class CheckpointFormatTest {

  static final Path V1 = Path.of("src/test/resources/checkpoint-format/v1");

  @TempDir Path tmp;

  @Test
  void aFileCheckpointOfFormatOneRestores() throws IOException {
    Path committed = committed("file-checkpoint", FileModel.class);
    FileModel restored = start(FileModel.class, tmp.resolve("restored"));
    restored.restore(copy(committed));

    assertThat(restored.iteration()).isEqualTo(3);
    assertThat(restored.weights)
        .containsExactly(
            0.30000000000000004, 0.6000000000000001, 0.9000000000000001, 1.2000000000000002);
    assertThat(restored.note).isEqualTo("after 3");
  }

  @Test
  void aMapCheckpointOfFormatOneRestores() throws IOException {
    Path committed = committed("map-checkpoint", Counter.class);
    Counter restored = start(Counter.class, tmp.resolve("restored"));
    restored.restore(copy(committed));

    assertThat(restored.iteration()).isEqualTo(3);
    assertThat(restored.count).isEqualTo(3);
  }

  /** The committed checkpoint, written first when recording. */
  private Path committed(String name, Class<? extends AbstractTrainable> type) throws IOException {
    Path dir = V1.resolve(name);
    if (Boolean.getBoolean("trainunit.format.record")) {
      AbstractTrainable t = start(type, tmp.resolve("recording-" + name));
      for (int i = 0; i < 3; i++) t.train();
      Path saved = t.save().path();
      if (Files.exists(dir)) PathUtils.deleteDirectory(dir);
      Files.createDirectories(dir);
      PathUtils.copyDirectory(saved, dir);
    }
    assertThat(dir).as("committed checkpoint").isDirectory();
    return dir;
  }

  private Path copy(Path committed) throws IOException {
    Path copy = Files.createDirectories(tmp.resolve("copy").resolve(committed.getFileName()));
    PathUtils.copyDirectory(committed, copy);
    return copy;
  }
}

package dev.trainunit;

import static dev.trainunit.TestTrials.readJsonLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.TestTrainables.Counter;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote storage on a second real NIO file system: the JDK's zip file system. */
class RemoteStorageTest {

  private static final SyncConfig RARELY = new SyncConfig(Duration.ofHours(1), true);

  @TempDir Path tmp;

  private Path zip;
  private FileSystem remoteFs;
  private Path remote;

  @BeforeEach
  void openZipFileSystem() throws Exception {
    zip = tmp.resolve("remote.zip");
    remoteFs = FileSystems.newFileSystem(zip, Map.of("create", "true"));
    remote = remoteFs.getPath("/bucket/trial");
  }

  @AfterEach
  void closeZipFileSystem() throws Exception {
    if (remoteFs.isOpen()) remoteFs.close();
  }

  private Counter start(Path local, SyncConfig sync) {
    Trial trial = Trial.builder(local).id(TestTrials.TRIAL_ID).remote(remote, sync).build();
    return TrainableFactory.create(Counter.class, Config.parse("{\"time\": 0.5}"), trial);
  }

  private static List<String> tree(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void saveWithSyncOnCheckpointUploadsTheCheckpoint() throws Exception {
    Counter t = start(tmp.resolve("local"), RARELY);
    t.train();
    t.train();

    Checkpoint checkpoint = t.save();

    Path uploaded = remote.resolve("checkpoint_000000");
    assertThat(tree(uploaded)).containsExactly(".checkpoint_metadata.json", "dict_checkpoint.json");
    for (String name : List.of(".checkpoint_metadata.json", "dict_checkpoint.json")) {
      assertThat(Files.readAllBytes(uploaded.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(checkpoint.path().resolve(name)));
    }
    try (Stream<Path> s = Files.list(remote)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .as("no temporary directory left remotely")
          .noneMatch(name -> name.startsWith("."));
    }
  }

  @Test
  void checkpointIsNotUploadedWithoutSyncOnCheckpointOrWithPreventUpload() {
    Counter t = start(tmp.resolve("local"), new SyncConfig(Duration.ofHours(1), false));
    t.save();

    Counter u = start(tmp.resolve("local2"), RARELY);
    u.save(u.logdir().resolve("checkpoint_000000"), true);

    assertThat(Files.exists(remote.resolve("checkpoint_000000"))).isFalse();
  }

  @Test
  void resultsAreSyncedAtStop() throws Exception {
    Counter t = start(tmp.resolve("local"), RARELY);
    t.train();
    t.train();
    assertThat(Files.exists(remote.resolve("result.json")))
        .as("the sync period has not passed")
        .isFalse();

    t.stop();

    assertThat(readJsonLines(remote.resolve("result.json"))).hasSize(2);
    assertThat(Files.exists(remote.resolve("progress.csv"))).isTrue();
    assertThat(Files.exists(remote.resolve("params.json"))).isTrue();
  }

  @Test
  void resultsAreSyncedWhenTheSyncPeriodPasses() throws Exception {
    Counter t = start(tmp.resolve("local"), new SyncConfig(Duration.ZERO, false));

    t.train();
    assertThat(readJsonLines(remote.resolve("result.json"))).hasSize(1);
    t.train();
    assertThat(readJsonLines(remote.resolve("result.json"))).hasSize(2);
  }

  @Test
  void restoreFetchesACheckpointThatOnlyExistsRemotely() throws Exception {
    Counter t = start(tmp.resolve("local"), RARELY);
    for (int i = 0; i < 3; i++) t.train();
    Checkpoint checkpoint = t.save();
    double w = t.w;
    t.train();
    t.deleteCheckpoint(checkpoint.path());
    assertThat(checkpoint.path()).doesNotExist();

    t.restore(checkpoint.path());

    assertThat(checkpoint.path()).isDirectory();
    assertThat(t.iteration()).isEqualTo(3);
    assertThat(t.w).isEqualTo(w);
    assertThat(t.count).isEqualTo(3);
  }

  @Test
  void aCheckpointInTheClosedAndReopenedZipRestoresIntoAFreshTrial() throws Exception {
    Counter t = start(tmp.resolve("local"), RARELY);
    for (int i = 0; i < 3; i++) t.train();
    t.save();
    Result expected = t.train();
    t.stop();
    remoteFs.close();

    remoteFs = FileSystems.newFileSystem(zip, Map.of());
    remote = remoteFs.getPath("/bucket/trial");
    Counter fresh = start(tmp.resolve("another-machine"), RARELY);
    fresh.restore(fresh.logdir().resolve("checkpoint_000000"));
    Result actual = fresh.train();

    assertThat(actual.metrics()).isEqualTo(expected.metrics());
    assertThat(actual.trainingIteration()).isEqualTo(4);
    assertThat(actual.getDouble(Result.TIME_TOTAL_S)).isEqualTo(2.0);
  }

  @Test
  void aCheckpointMissingEverywhereIsAClearError() {
    Counter t = start(tmp.resolve("local"), RARELY);
    Path missing = t.logdir().resolve("checkpoint_000003");

    assertThatThrownBy(() -> t.restore(missing))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }
}

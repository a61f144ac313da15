package dev.trainunit;

import static dev.trainunit.TestTrials.readJsonLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.TestTrainables.Counter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
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
  void anUploadCutShortWhereDirectoriesCannotBeRenamedIsRedoneByTheNextSync() throws Exception {
    // The zip file system, like an object store, cannot rename a directory: a checkpoint is
    // uploaded in place, its metadata last. A process killed before that last file leaves the
    // other files under the checkpoint's name, which must not pass for an upload that is done.
    Trial trial =
        Trial.builder(tmp.resolve("local"))
            .id(TestTrials.TRIAL_ID)
            .remote(remote, new SyncConfig(Duration.ZERO, true))
            .build();
    Counter t = TrainableFactory.create(Counter.class, Config.parse("{\"time\": 0.5}"), trial);
    t.train();
    Checkpoint saved = t.save();
    Path uploaded = remote.resolve(saved.path().getFileName().toString());
    Files.delete(uploaded.resolve(".checkpoint_metadata.json"));
    Files.writeString(uploaded.resolve("stale.bin"), "left by an older upload");

    t.train();

    assertThat(tree(uploaded)).isEqualTo(tree(saved.path()));
    assertThat(Files.readAllBytes(uploaded.resolve(".checkpoint_metadata.json")))
        .isEqualTo(Files.readAllBytes(saved.path().resolve(".checkpoint_metadata.json")));
    t.stop();
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

  /** A remote directory on the local disk, whose outage is a file standing where it should be. */
  private Counter startOnDisk(Path local, Path remoteOnDisk) {
    Trial trial =
        Trial.builder(local)
            .id(TestTrials.TRIAL_ID)
            .remote(remoteOnDisk, new SyncConfig(Duration.ZERO, true))
            .build();
    return TrainableFactory.create(Counter.class, Config.parse("{\"time\": 0.5}"), trial);
  }

  private static void outage(Path bucket) throws IOException {
    PathUtils.deleteDirectory(bucket);
    Files.writeString(bucket, "the remote storage is down");
  }

  private static void recovery(Path bucket) throws IOException {
    Files.delete(bucket);
    Files.createDirectories(bucket);
  }

  @Test
  void anOutageOfTheRemoteStorageDoesNotStopTrainingNorLoseACheckpoint() throws Exception {
    Path bucket = Files.createDirectories(tmp.resolve("bucket"));
    Path remoteTrial = bucket.resolve("trial");
    Counter t = startOnDisk(tmp.resolve("local"), remoteTrial);
    t.train();
    outage(bucket);

    for (int i = 0; i < 5; i++) t.train(); // every train() syncs (period 0) and fails to
    Checkpoint saved = t.save(); // its upload fails as well
    t.train();
    assertThat(saved.path()).isDirectory();
    assertThat(t.iteration()).isEqualTo(7);

    recovery(bucket);
    t.train();

    assertThat(remoteTrial.resolve(saved.path().getFileName().toString())).isDirectory();
    assertThat(Files.readAllLines(remoteTrial.resolve("result.json"))).hasSize(8);
    t.stop();
  }

  @Test
  void aStopWhoseLastSyncFailsSaysTheRemoteCopyIsIncomplete() throws Exception {
    Path bucket = Files.createDirectories(tmp.resolve("bucket"));
    Counter t = startOnDisk(tmp.resolve("local"), bucket.resolve("trial"));
    t.train();
    outage(bucket);

    assertThatThrownBy(t::stop)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("the trial's remote copy in " + bucket.resolve("trial"))
        .hasMessageContaining("is incomplete: the last sync at stop() failed")
        .hasMessageContaining("holds everything");
    assertThat(tmp.resolve("local").resolve("result.json")).isRegularFile();
  }

  @Test
  void aSyncRemovesWhatAKilledUploadLeftAndUploadsTheCheckpointAgain() throws Exception {
    Path bucket = Files.createDirectories(tmp.resolve("bucket"));
    Path remoteTrial = Files.createDirectories(bucket.resolve("trial"));
    Counter first = startOnDisk(tmp.resolve("local"), remoteTrial);
    first.train();
    Checkpoint saved = first.save();
    String name = saved.path().getFileName().toString();
    // the process was killed while it uploaded: a temporary of a gone process, no checkpoint
    PathUtils.deleteDirectory(remoteTrial.resolve(name));
    Path leftover =
        Files.createDirectories(remoteTrial.resolve("." + name + ".tmp-2147483646-abc123"));
    Files.writeString(leftover.resolve("half.bin"), "half");

    first.train();

    assertThat(leftover).doesNotExist();
    assertThat(remoteTrial.resolve(name)).isDirectory();
    assertThat(tree(remoteTrial.resolve(name))).isEqualTo(tree(saved.path()));
    first.stop();
  }
}

package dev.trainunit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.Checkpoint;
import dev.trainunit.SyncConfig;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 failing under a trial: the server stopped in the middle of training, and a bucket that does
 * not exist. Training goes on, the local checkpoints stay whole, and the last sync, at {@code
 * stop()}, says which remote copy is incomplete.
 */
class S3OutageTest {

  private static final SyncConfig RARELY = new SyncConfig(Duration.ofHours(1), true);

  @TempDir Path tmp;

  private S3Server server;

  @BeforeEach
  void startServer() throws Exception {
    server = new S3Server().start();
    server.createBucket(S3CheckpointTest.BUCKET);
  }

  @AfterEach
  void closeServer() throws Exception {
    server.close();
  }

  private static SgdRegression start(Path local, Path remote) {
    Trial trial = Trial.builder(local).id(S3CheckpointTest.TRIAL_ID).remote(remote, RARELY).build();
    return TrainableFactory.create(SgdRegression.class, S3CheckpointTest.CONFIG, trial);
  }

  /** Restores {@code checkpoint} into a trial without remote storage and trains it on. */
  private List<Map<String, Object>> restoreLocallyAndTrain(Path checkpoint, int iterations) {
    Trial trial = Trial.builder(tmp.resolve("restored")).id(S3CheckpointTest.TRIAL_ID).build();
    SgdRegression model =
        TrainableFactory.create(SgdRegression.class, S3CheckpointTest.CONFIG, trial);
    model.restore(checkpoint);
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < iterations; i++) metrics.add(model.train().metrics());
    model.stop();
    return metrics;
  }

  @Test
  void theServerStoppingMidTrainingFailsStopNamingTheRemoteAndCostsNoCheckpoint() throws Exception {
    Path remote = S3Server.withoutRetries(server.path(S3CheckpointTest.BUCKET, "outage/trial"));
    SgdRegression model = start(tmp.resolve("local"), remote);
    model.train();
    model.save();

    server.stop();
    model.train();
    Checkpoint saved = model.save(); // its upload fails: logged and counted, not thrown
    List<Map<String, Object>> expected = new ArrayList<>();
    for (int i = 0; i < 2; i++) expected.add(model.train().metrics());
    assertThat(model.iteration()).as("training went on through the outage").isEqualTo(4);

    String remoteUri = "s3x://127.0.0.1:" + server.port() + "/trials/outage/trial";
    assertThatThrownBy(model::stop)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("the trial's remote copy in " + remoteUri + " is incomplete")
        .hasMessageContaining("the last sync at stop() failed")
        .hasMessageContaining("holds everything")
        .hasMessageNotContaining(S3Server.SECRET_KEY);
    assertThat(model.isStopped()).isTrue();

    assertThat(restoreLocallyAndTrain(saved.path(), 2))
        .as("the checkpoint saved during the outage restores, and training from it is exact")
        .isEqualTo(expected);

    // S3 is back: the trial, started again on the same directory, uploads what the outage missed.
    server.start();
    Trial again =
        Trial.builder(tmp.resolve("local"))
            .id(S3CheckpointTest.TRIAL_ID)
            .remote(remote, new SyncConfig(Duration.ZERO, true))
            .build();
    SgdRegression resumed =
        TrainableFactory.create(SgdRegression.class, S3CheckpointTest.CONFIG, again);
    resumed.restore(saved.path());
    resumed.train();
    resumed.stop();
    String name = saved.path().getFileName().toString();
    assertThat(server.keys(S3CheckpointTest.BUCKET, "outage/trial/" + name + "/"))
        .contains(
            "outage/trial/" + name + "/.checkpoint_metadata.json",
            "outage/trial/" + name + "/" + SgdRegression.STATE_FILE);
  }

  private static List<String> causes(Throwable e) {
    List<String> causes = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) causes.add(t.toString());
    return causes;
  }

  @Test
  void aBucketThatDoesNotExistFailsStopNamingItAndTheLocalCheckpointRestores() throws Exception {
    Path remote = server.path("no-such-bucket", "trial");
    SgdRegression model = start(tmp.resolve("local"), remote);
    model.train();
    Checkpoint saved = model.save();
    List<Map<String, Object>> expected = List.of(model.train().metrics());

    assertThatThrownBy(model::stop)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(
            "the trial's remote copy in s3x://127.0.0.1:"
                + server.port()
                + "/no-such-bucket/trial is incomplete")
        .satisfies(
            e ->
                assertThat(causes(e))
                    .as("the cause says what S3 answered")
                    .anyMatch(cause -> cause.contains("NoSuchBucket")))
        .hasMessageNotContaining(S3Server.SECRET_KEY);
    assertThat(server.blobStore().containerExists("no-such-bucket"))
        .as("a sync never creates a bucket")
        .isFalse();

    assertThat(restoreLocallyAndTrain(saved.path(), 1)).isEqualTo(expected);
  }
}

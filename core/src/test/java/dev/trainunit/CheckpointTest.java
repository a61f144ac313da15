package dev.trainunit;

import static dev.trainunit.TestTrials.list;
import static dev.trainunit.TestTrials.readJson;
import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.TestTrainables.Counter;
import dev.trainunit.TestTrainables.Exporter;
import dev.trainunit.TestTrainables.FailingSave;
import dev.trainunit.TestTrainables.FileModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  private static final Config FIXED_TIME = Config.parse("{\"time\": 0.25}");
  private static final List<String> LOG_FILES =
      List.of("params.json", "progress.csv", "result.json");

  @TempDir Path tmp;

  @Test
  void savesNumberedCheckpointDirectoriesUnderLogdir() throws Exception {
    Counter t = start(Counter.class, FIXED_TIME, tmp);
    t.train();

    Checkpoint first = t.save();
    t.train();
    Checkpoint second = t.save();

    assertThat(first.path()).isEqualTo(t.logdir().resolve("checkpoint_000000"));
    assertThat(second.path()).isEqualTo(t.logdir().resolve("checkpoint_000001"));
    assertThat(first.iteration()).isEqualTo(1);
    assertThat(second.iteration()).isEqualTo(2);
    assertThat(list(t.logdir()))
        .containsExactly(
            "checkpoint_000000", "checkpoint_000001", "params.json", "progress.csv", "result.json");
    assertThat(list(first.path()))
        .containsExactly(".checkpoint_metadata.json", "dict_checkpoint.json");
  }

  @Test
  void numberingContinuesInANewInstanceOnTheSameTrialDirectory() {
    Counter a = start(Counter.class, tmp);
    a.save();
    a.save();
    a.stop();

    Counter b = start(Counter.class, tmp);

    assertThat(b.save().path().getFileName()).hasToString("checkpoint_000002");
  }

  @Test
  void metadataFileRecordsCountersLastResultVersionAndManifest() throws Exception {
    Counter t = start(Counter.class, FIXED_TIME, tmp);
    t.train();
    t.train();
    Result last = t.train();

    Checkpoint checkpoint = t.save();
    Map<String, Object> meta = readJson(checkpoint.path().resolve(".checkpoint_metadata.json"));

    assertThat(meta.get("format_version"))
        .isEqualTo(CheckpointMetadata.FORMAT_VERSION)
        .isEqualTo(1);
    assertThat(meta.get("iteration")).isEqualTo(3);
    assertThat(meta.get("time_total_s")).isEqualTo(0.75);
    assertThat(meta).containsEntry("timesteps_total", null).containsEntry("episodes_total", null);
    assertThat(meta.get("has_data")).isEqualTo(true);
    @SuppressWarnings("unchecked")
    Map<String, Object> lastResult = (Map<String, Object>) meta.get("last_result");
    assertThat(lastResult).doesNotContainKey("config");
    assertThat(lastResult.get("training_iteration")).isEqualTo(3);
    assertThat(lastResult.get("loss")).isEqualTo(last.getDouble("loss"));
    assertThat(lastResult.get("trial_id")).isEqualTo(TestTrials.TRIAL_ID);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) meta.get("files");
    assertThat(files).containsOnlyKeys("dict_checkpoint.json");
    Map<String, Object> entry = files.get("dict_checkpoint.json");
    assertThat(((Number) entry.get("size")).longValue())
        .isEqualTo(Files.size(checkpoint.path().resolve("dict_checkpoint.json")));
    assertThat((String) entry.get("crc32c")).matches("[0-9a-f]{8}");

    CheckpointMetadata m = checkpoint.metadata();
    assertThat(m.iteration()).isEqualTo(3);
    assertThat(m.timeTotalS()).isEqualTo(0.75);
    assertThat(m.formatVersion()).isEqualTo(1);
    assertThat(m.timestepsTotal()).isNull();
  }

  @Test
  void rolloutTotalsGoIntoTheMetadata() throws Exception {
    TestTrainables.Rollouts t = start(TestTrainables.Rollouts.class, tmp);
    t.train();
    t.train();

    Map<String, Object> meta = readJson(t.save().path().resolve(".checkpoint_metadata.json"));

    assertThat(meta.get("timesteps_total")).isEqualTo(200);
    assertThat(meta.get("episodes_total")).isEqualTo(6);
  }

  @Test
  void mapCheckpointIsStoredAsDictCheckpointJsonAndGivenBackAsData() throws Exception {
    Counter t = start(Counter.class, tmp.resolve("a"));
    t.train();
    t.train();
    double[] history = t.history.stream().mapToDouble(Double::doubleValue).toArray();

    Checkpoint saved = t.save();
    Map<String, Object> stored = readJson(saved.path().resolve("dict_checkpoint.json"));

    assertThat(stored).containsOnlyKeys("w", "count", "history");
    assertThat(stored.get("w")).isEqualTo(t.w);
    assertThat(saved.hasData()).isTrue();
    assertThat(saved.data().getDoubleArray("history")).isEqualTo(history);

    Counter fresh = start(Counter.class, tmp.resolve("b"));
    fresh.restore(saved.path());
    assertThat(fresh.w).isEqualTo(t.w);
    assertThat(fresh.count).isEqualTo(2);
    assertThat(fresh.history).containsExactlyElementsOf(t.history);
  }

  /** Holds a double[] exactly as the test sets it. */
  static class Doubles extends AbstractTrainable {
    double[] state = new double[0];
    Checkpoint loaded;

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) {
      return Map.of("state", state, "big", Long.MAX_VALUE);
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) {
      loaded = checkpoint;
      state = checkpoint.data().getDoubleArray("state");
    }
  }

  @Test
  void doubleArraysRoundTripBitForBit() {
    double[] values = {
      0.1,
      1.0 / 3,
      Math.PI * 1e-300,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      -0.0,
      0.0,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      1e22,
      -123456789.123456789,
      Math.nextUp(1.0)
    };
    Doubles saver = start(Doubles.class, tmp.resolve("a"));
    saver.state = values.clone();
    Checkpoint checkpoint = saver.save();

    Doubles loader = start(Doubles.class, tmp.resolve("b"));
    loader.restore(checkpoint.path());

    assertThat(Arrays.equals(loader.state, values)).as(Arrays.toString(loader.state)).isTrue();
    assertThat(loader.loaded.data().getLong("big")).isEqualTo(Long.MAX_VALUE);
    assertThat(Arrays.equals(checkpoint.data().getDoubleArray("state"), values)).isTrue();
  }

  @Test
  void fileCheckpointKeepsTheFilesTheHookWrote() throws Exception {
    FileModel t = start(FileModel.class, tmp.resolve("a"));
    for (int i = 0; i < 3; i++) t.train();

    Checkpoint checkpoint = t.save();

    assertThat(checkpoint.hasData()).isFalse();
    assertThat(checkpoint.data().isEmpty()).isTrue();
    assertThat(list(checkpoint.path()))
        .containsExactly(".checkpoint_metadata.json", "extra", "weights.bin");
    Map<String, Object> meta = readJson(checkpoint.path().resolve(".checkpoint_metadata.json"));
    assertThat(((Map<?, ?>) meta.get("files")).keySet())
        .map(Object::toString)
        .containsExactlyInAnyOrder("extra/note.txt", "weights.bin");
    assertThat(meta.get("has_data")).isEqualTo(false);

    FileModel fresh = start(FileModel.class, tmp.resolve("b"));
    fresh.restore(checkpoint.path());
    assertThat(fresh.weights).isEqualTo(t.weights);
    assertThat(fresh.note).isEqualTo("after 3");
    assertThat(fresh.iteration()).isEqualTo(3);
  }

  @Test
  void restoreSetsCountersFromMetadataAndZeroesSinceRestoreCounters() {
    Counter reference = start(Counter.class, FIXED_TIME, tmp.resolve("ref"));
    List<Result> uninterrupted =
        List.of(reference.train(), reference.train(), reference.train(), reference.train());

    Counter t = start(Counter.class, FIXED_TIME, tmp.resolve("run"));
    t.train();
    t.train();
    t.train();
    Checkpoint checkpoint = t.save();
    t.train();
    t.train();

    t.restore(checkpoint.path());

    assertThat(t.loads).isEqualTo(1);
    assertThat(t.iteration()).isEqualTo(3);
    assertThat(t.iterationsSinceRestore()).isZero();
    Result next = t.train();
    assertThat(next.trainingIteration()).isEqualTo(4);
    assertThat(next.getLong(Result.ITERATIONS_SINCE_RESTORE)).isEqualTo(1);
    assertThat(next.getDouble(Result.TIME_TOTAL_S)).isEqualTo(1.0);
    assertThat(next.getDouble(Result.TIME_SINCE_RESTORE)).isEqualTo(0.25);
    assertThat(next.metrics()).isEqualTo(uninterrupted.get(3).metrics());
  }

  @Test
  void restoreIntoAFreshInstanceFromACopiedDirectoryContinuesTheRun() throws Exception {
    Counter t = start(Counter.class, FIXED_TIME, tmp.resolve("a"));
    t.train();
    t.train();
    Checkpoint checkpoint = t.save();
    Result expected = t.train();
    Path copy = Files.createDirectories(tmp.resolve("elsewhere")).resolve("ckpt");
    PathUtils.copyDirectory(checkpoint.path(), copy);

    Counter fresh = start(Counter.class, FIXED_TIME, tmp.resolve("b"));
    fresh.restore(copy);
    Result actual = fresh.train();

    assertThat(actual.metrics()).isEqualTo(expected.metrics());
    assertThat(actual.trainingIteration()).isEqualTo(3);
    assertThat(actual.getDouble(Result.TIME_TOTAL_S))
        .isEqualTo(expected.getDouble(Result.TIME_TOTAL_S));
  }

  @Test
  void hookThrowingMidSaveLeavesNoCheckpointAndNoTemporaryDirectory() throws Exception {
    FailingSave t = start(FailingSave.class, tmp);
    t.train();
    Checkpoint good = t.save();
    t.train();
    t.failSave = true;

    assertThatThrownBy(t::save)
        .isInstanceOfSatisfying(
            HookException.class,
            e -> {
              assertThat(e.hook()).isEqualTo("saveCheckpoint");
              assertThat(e.getCause())
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessage("disk full (simulated)");
            });

    assertThat(list(t.logdir()))
        .containsExactly("checkpoint_000000", "params.json", "progress.csv", "result.json");
    assertThat(list(good.path())).doesNotContain("partial.bin");

    t.restore(good.path());
    assertThat(t.iteration()).isEqualTo(1);
    assertThat(t.count).isEqualTo(1);

    t.failSave = false;
    assertThat(t.save().path().getFileName()).hasToString("checkpoint_000001");
  }

  @Test
  void savingTwiceToTheSameDirectoryIsRefused() {
    Counter t = start(Counter.class, tmp);
    Path target = tmp.resolve("mine/checkpoint_000005");
    t.save(target, true);

    assertThatThrownBy(() -> t.save(target, true))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(target.toString())
        .hasMessageContaining("already exists");
  }

  @Test
  void checkpointMapThatIsNotJsonIsRefusedNamingTheValue() throws Exception {
    UnstorableState t = start(UnstorableState.class, tmp);
    assertThatThrownBy(t::save).isInstanceOf(CheckpointException.class).hasMessageContaining("rng");
    assertThat(list(t.logdir()))
        .noneMatch(name -> name.startsWith("checkpoint_") || name.startsWith("."));
  }

  static class UnstorableState extends Counter {
    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) {
      return Map.of("rng", new Random(1));
    }
  }

  @Test
  void restoreFallsBackToTheLatestIntactCheckpoint() throws Exception {
    Counter t = start(Counter.class, tmp);
    t.train();
    Checkpoint first = t.save();
    t.train();
    Checkpoint second = t.save();
    TestTrials.flipByte(second.path().resolve("dict_checkpoint.json"), 3);

    assertThatThrownBy(() -> t.restore(second.path(), false))
        .isInstanceOf(CheckpointException.class);
    assertThat(t.iteration()).isEqualTo(2);

    t.restore(second.path(), true);
    assertThat(t.iteration()).isEqualTo(first.iteration()).isEqualTo(1);
    assertThat(t.count).isEqualTo(1);

    t.train();
    t.train();
    t.restore(t.logdir().resolve("checkpoint_000009"), true);
    assertThat(t.iteration()).isEqualTo(1);

    TestTrials.flipByte(first.path().resolve("dict_checkpoint.json"), 3);
    assertThatThrownBy(() -> t.restore(second.path(), true))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(second.path().toString())
        .hasMessageContaining("no intact checkpoint");
  }

  @Test
  void deleteCheckpointRemovesACheckpointAndRefusesAnyOtherDirectory() throws Exception {
    Counter t = start(Counter.class, tmp);
    Checkpoint checkpoint = t.save();
    Path notACheckpoint = t.logdir().resolve("data");
    Files.createDirectories(notACheckpoint);
    Files.writeString(notACheckpoint.resolve("train.csv"), "x,y\n1,2\n");

    t.deleteCheckpoint(checkpoint.path());

    assertThat(checkpoint.path()).doesNotExist();
    assertThatThrownBy(() -> t.deleteCheckpoint(notACheckpoint))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(notACheckpoint.toString())
        .hasMessageContaining("not a checkpoint");
    assertThat(notACheckpoint.resolve("train.csv")).exists();
    try (var left = Files.list(t.logdir())) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no temporary left behind")
          .noneMatch(n -> n.contains(".tmp-"));
    }
  }

  @Test
  void deleteCheckpointRefusesADirectoryWhoseMetadataIsNotACheckpoints() throws Exception {
    Counter t = start(Counter.class, tmp);
    Path impostor = t.logdir().resolve("data");
    Files.createDirectories(impostor);
    Files.writeString(impostor.resolve(".checkpoint_metadata.json"), "garbage");
    Files.writeString(impostor.resolve("train.csv"), "x,y\n1,2\n");

    assertThatThrownBy(() -> t.deleteCheckpoint(impostor))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(impostor.toString())
        .hasMessageContaining("not a valid checkpoint")
        .hasCauseInstanceOf(CheckpointException.class);
    assertThat(impostor.resolve("train.csv")).exists();
  }

  @Test
  void deleteCheckpointDeletesACheckpointWhoseDataIsDamaged() throws Exception {
    Counter t = start(Counter.class, tmp);
    t.train();
    Checkpoint checkpoint = t.save();
    TestTrials.flipByte(checkpoint.path().resolve("dict_checkpoint.json"), 3);

    t.deleteCheckpoint(checkpoint.path());

    assertThat(checkpoint.path()).doesNotExist();
  }

  @Test
  void deleteCheckpointRefusesASymbolicLinkAndLeavesItsTarget() throws Exception {
    Counter t = start(Counter.class, tmp);
    Checkpoint checkpoint = t.save();
    Path link = Files.createSymbolicLink(tmp.resolve("link-to-checkpoint"), checkpoint.path());

    assertThatThrownBy(() -> t.deleteCheckpoint(link))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("symbolic link");
    assertThat(checkpoint.path().resolve(".checkpoint_metadata.json")).exists();
  }

  @Test
  void getAutoFilledMetricsNeedsAnInstanceBuiltByTheFactory() {
    assertThatThrownBy(() -> new Counter().getAutoFilledMetrics(Instant.now(), null, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TrainableFactory");
  }

  @Test
  void exportModelWritesEachFormatAndNamesAMissingOne() throws Exception {
    Exporter t = start(Exporter.class, tmp);
    t.train();
    Path exportDir = tmp.resolve("export");

    Map<String, Path> exported = t.exportModel(List.of("txt", "onnx"), exportDir);

    assertThat(exported).containsOnlyKeys("txt", "onnx");
    assertThat(exported.get("txt"))
        .isEqualTo(exportDir.resolve("model.txt"))
        .content()
        .isEqualTo("txt:" + t.w);
    assertThat(Files.size(exported.get("onnx"))).isPositive();
    assertThat(t.exportModel(List.of("bin")).get("bin")).isEqualTo(t.logdir().resolve("model.bin"));
    assertThatThrownBy(() -> t.exportModel(List.of("txt", "broken"), exportDir))
        .isInstanceOf(TrainableException.class)
        .hasMessageContaining("[broken]");
  }
}

package dev.trainunit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.Config;
import dev.trainunit.SyncConfig;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trials whose remote copy is in S3: an S3 server (S3Proxy) on localhost, the AWS NIO provider's
 * {@code s3x://} paths, and TrainUnit's remote storage, with nothing faked in between.
 */
class S3CheckpointTest {

  static final String TRIAL_ID = "s3-trial";
  static final Config CONFIG = Config.parse("{\"lr\": 0.05, \"momentum\": 0.9, \"seed\": 11}");
  static final String BUCKET = "trials";

  /** What the trainable reports; the rest of a result (times, host, pid) differs between runs. */
  private static final List<String> METRICS =
      List.of("training_iteration", "loss", "w0", "w1", "bias", "samples_seen");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SyncConfig RARELY = new SyncConfig(Duration.ofHours(1), true);

  private static S3Server server;

  @TempDir Path tmp;

  @BeforeAll
  static void startServer() throws Exception {
    server = new S3Server().start();
    server.createBucket(BUCKET);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) server.close();
  }

  private static SgdRegression start(Path local, Path remote, SyncConfig sync) {
    Trial.Builder trial = Trial.builder(local).id(TRIAL_ID);
    if (remote != null) trial.remote(remote, sync);
    return TrainableFactory.create(SgdRegression.class, CONFIG, trial.build());
  }

  private static List<Map<String, Object>> metricLines(Path resultJson) throws IOException {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : Files.readAllLines(resultJson, StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      Map<String, Object> all = JSON.readValue(line, new TypeReference<Map<String, Object>>() {});
      Map<String, Object> picked = new LinkedHashMap<>();
      for (String key : METRICS) picked.put(key, all.get(key));
      lines.add(picked);
    }
    return lines;
  }

  /** Six iterations without interruption: what every resumed run must reproduce. */
  private List<Map<String, Object>> uninterrupted(int iterations) throws IOException {
    SgdRegression model = start(tmp.resolve("reference"), null, null);
    for (int i = 0; i < iterations; i++) model.train();
    model.stop();
    return metricLines(tmp.resolve("reference").resolve("result.json"));
  }

  @Test
  void aTrialSyncedToS3ResumesExactlyInANewJvmAfterItsLocalDirectoryIsGone() throws Exception {
    List<Map<String, Object>> expected = uninterrupted(6);
    Path remote = server.path(BUCKET, "resume/" + TRIAL_ID);
    Path firstNode = tmp.resolve("node-1");

    SgdRegression model = start(firstNode, remote, SyncConfig.DEFAULT);
    for (int i = 0; i < 3; i++) model.train();
    Checkpoint checkpoint = model.save();
    String name = checkpoint.path().getFileName().toString();
    assertThat(server.keys(BUCKET, "resume/" + TRIAL_ID + "/" + name + "/"))
        .as("the checkpoint is uploaded by save(), before any sync")
        .contains(
            "resume/s3-trial/" + name + "/.checkpoint_metadata.json",
            "resume/s3-trial/" + name + "/dict_checkpoint.json",
            "resume/s3-trial/" + name + "/model/state.bin");
    model.stop();
    assertThat(metricLines(remote.resolve("result.json")))
        .as("the results, synced at stop()")
        .isEqualTo(expected.subList(0, 3));

    PathUtils.deleteDirectory(firstNode);
    Path secondNode = tmp.resolve("node-2");
    Process child = startJvm(secondNode, server.uri(BUCKET, "resume/" + TRIAL_ID), name, 3);
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
    assertThat(child.exitValue())
        .as("the child JVM's exit code; its output:\n%s\n%s", output, readStderr())
        .isZero();
    assertThat(output).contains("restored at iteration 3");

    // The new JVM's result.json starts empty (its trial directory was), and its sync replaces the
    // remote one: only the rows from the restore on are there now. They must be the ones the
    // uninterrupted run logged.
    List<Map<String, Object>> resumed = metricLines(remote.resolve("result.json"));
    assertThat(resumed).hasSizeGreaterThanOrEqualTo(3);
    assertThat(resumed.subList(resumed.size() - 3, resumed.size()))
        .as("the resumed run's results, synced to S3 by the new JVM")
        .isEqualTo(expected.subList(3, 6));
    assertThat(secondNode.resolve(name).resolve(SgdRegression.STATE_FILE))
        .as("the checkpoint fetched from S3 into the new node's trial directory")
        .isRegularFile();
  }

  /** The keys of a remote checkpoint, relative to it, as the server stores them. */
  private static List<String> remoteFiles(String prefix) {
    return server.keys(BUCKET, prefix).stream()
        .map(key -> key.substring(prefix.length()))
        .filter(name -> !name.isEmpty() && !name.endsWith("/"))
        .toList();
  }

  private static List<String> localFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  @Test
  void deleteCheckpointRemovesOnlyTheLocalCopyAndRestoreFetchesItBackFromS3() throws Exception {
    Path remote = server.path(BUCKET, "delete/" + TRIAL_ID);
    SgdRegression model = start(tmp.resolve("local"), remote, RARELY);
    model.train();
    model.train();
    Checkpoint checkpoint = model.save();
    Map<String, Object> next = model.train().metrics();
    String prefix = "delete/" + TRIAL_ID + "/" + checkpoint.path().getFileName() + "/";

    model.deleteCheckpoint(checkpoint.path());

    assertThat(checkpoint.path()).doesNotExist();
    assertThat(remoteFiles(prefix))
        .as("as in Tune, delete_checkpoint removes the local copy; the remote one stays")
        .containsExactlyInAnyOrder(
            ".checkpoint_metadata.json", "dict_checkpoint.json", SgdRegression.STATE_FILE);

    model.restore(checkpoint.path());

    assertThat(localFiles(checkpoint.path()))
        .isEqualTo(remoteFiles(prefix).stream().sorted().toList());
    assertThat(model.iteration()).isEqualTo(2);
    assertThat(model.train().metrics()).isEqualTo(next);
    model.stop();
  }

  @Test
  void aRemoteCheckpointWhoseFileChangedInS3IsRefusedOnRestore() throws Exception {
    Path remote = server.path(BUCKET, "damaged/" + TRIAL_ID);
    SgdRegression model = start(tmp.resolve("local"), remote, RARELY);
    model.train();
    Checkpoint checkpoint = model.save();
    model.deleteCheckpoint(checkpoint.path());
    Path remoteState =
        remote
            .resolve(checkpoint.path().getFileName().toString())
            .resolve(SgdRegression.STATE_FILE);
    byte[] state = Files.readAllBytes(remoteState);
    state[state.length - 1] ^= 0x01; // one bit of the generator's state, the size unchanged
    Files.write(remoteState, state);

    assertThatThrownBy(() -> model.restore(checkpoint.path()))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(SgdRegression.STATE_FILE)
        .hasMessageContaining("CRC32C")
        .hasMessageContaining("damaged or was changed");
    assertThat(model.iteration()).as("nothing was restored").isEqualTo(1);
    model.stop();
  }

  @Test
  void aRemoteCheckpointWhoseFileGrewInS3IsRefusedBeforeAByteIsFetched() throws Exception {
    Path remote = server.path(BUCKET, "grown/" + TRIAL_ID);
    SgdRegression model = start(tmp.resolve("local"), remote, RARELY);
    model.train();
    Checkpoint checkpoint = model.save();
    model.deleteCheckpoint(checkpoint.path());
    String name = checkpoint.path().getFileName().toString();
    Path remoteState = remote.resolve(name).resolve(SgdRegression.STATE_FILE);
    byte[] grown = Arrays.copyOf(Files.readAllBytes(remoteState), 1 << 20);
    Files.write(remoteState, grown);

    assertThatThrownBy(() -> model.restore(checkpoint.path()))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(
            "s3x://127.0.0.1:"
                + server.port()
                + "/trials/grown/"
                + TRIAL_ID
                + "/"
                + name
                + "/"
                + SgdRegression.STATE_FILE)
        .hasMessageContaining("is 1048576 bytes but was saved with");
    assertThat(checkpoint.path()).as("nothing was fetched").doesNotExist();
    model.stop();
  }

  @Test
  void anUploadToS3CutShortBeforeItsMetadataIsRedoneByTheNextSync() throws Exception {
    Path remote = server.path(BUCKET, "cut/" + TRIAL_ID);
    SgdRegression model = start(tmp.resolve("local"), remote, new SyncConfig(Duration.ZERO, true));
    model.train();
    Checkpoint checkpoint = model.save();
    String prefix = "cut/" + TRIAL_ID + "/" + checkpoint.path().getFileName() + "/";
    // as a process killed during the upload leaves it: the files, not the metadata (sent last),
    // and a file of an older upload under the same name
    server.blobStore().removeBlob(BUCKET, prefix + ".checkpoint_metadata.json");
    server
        .blobStore()
        .putBlob(
            BUCKET,
            server
                .blobStore()
                .blobBuilder(prefix + "stale.bin")
                .payload(new byte[] {1, 2})
                .build());

    model.train(); // the sync period is zero: every train() syncs

    assertThat(remoteFiles(prefix).stream().sorted().toList())
        .isEqualTo(localFiles(checkpoint.path()));
    Path restoredHere = tmp.resolve("elsewhere");
    SgdRegression elsewhere = start(restoredHere, remote, RARELY);
    elsewhere.restore(restoredHere.resolve(checkpoint.path().getFileName().toString()));
    assertThat(elsewhere.iteration()).isEqualTo(1);
    elsewhere.stop();
    model.stop();
  }

  private Path stderr;

  private Process startJvm(Path local, URI remote, String checkpoint, int iterations)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    S3Server.CLIENT_PROPERTIES.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add(ResumeOnAnotherNode.class.getName());
    command.add(local.toString());
    command.add(remote.toString());
    command.add(checkpoint);
    command.add(String.valueOf(iterations));
    stderr = tmp.resolve("child-stderr.txt");
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }

  private String readStderr() throws IOException {
    return stderr == null || !Files.exists(stderr) ? "" : Files.readString(stderr);
  }
}

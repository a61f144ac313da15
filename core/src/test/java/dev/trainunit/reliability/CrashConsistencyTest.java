package dev.trainunit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.CheckpointOptions;
import dev.trainunit.Config;
import dev.trainunit.SyncConfig;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.logging.ResultLoggers;
import dev.trainunit.storage.CheckpointFiles;
import dev.trainunit.storage.TrialStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child JVM with SIGKILL while it is inside {@code save()}, again and again, and
 * proves after every kill that the newest complete checkpoint restores to exactly the state saved
 * at its iteration, that no {@code checkpoint_*} directory is ever partial, and that what a killed
 * save left behind (a hidden {@code .tmp-} directory) is never taken for a checkpoint and is
 * removed by the next save.
 *
 * <p>{@code -Dtrainunit.reliability.kills=N} sets the number of kills (default 50); {@code
 * -Dtrainunit.reliability.seed=S} replays the kill timings.
 */
class CrashConsistencyTest {

  private static final int KILLS = Integer.getInteger("trainunit.reliability.kills", 50);

  @TempDir Path temp;

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void newestCompleteCheckpointSurvivesSigkillDuringSave() throws Exception {
    long seed = Long.getLong("trainunit.reliability.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    Path trialDir = temp.resolve("trial");
    Files.createDirectories(trialDir);
    TrialStorage storage =
        new TrialStorage(trialDir, CheckpointOptions.DEFAULT, Optional.empty(), SyncConfig.DEFAULT);

    int killsMidSave =
        0; // a .tmp- directory was left: the kill landed inside save(), before the rename
    int killsPublished =
        0; // the new checkpoint had been renamed into place (save() finishing or just returned)
    int killsEarly = 0; // save() had not created its temporary directory yet
    int checkpointsVerified = 0;
    int temporariesCleaned = 0;
    long lastSaveNanos = 3_000_000;
    long expectedResume = 0;
    long started = System.nanoTime();

    for (int kill = 0; kill < KILLS; kill++) {
      List<Path> leftBefore = temporaries(trialDir);
      Path stderr = temp.resolve("child-" + kill + ".err");
      Process child = startChild(trialDir, stderr);
      long lastBegin = -1;
      long lastEnd = kill == 0 ? -1 : expectedResume; // the newest complete checkpoint so far
      // The first child saves once before it can be killed, so that a complete checkpoint exists.
      int savesBeforeKill = (kill == 0 ? 2 : 1) + random.nextInt(3);
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String ready = out.readLine();
        if (ready == null) fail("child exited before READY; stderr:\n" + Files.readString(stderr));
        String[] r = ready.split(" ");
        assertThat(Long.parseLong(r[1]))
            .as("kill %d: the child resumed from the newest complete checkpoint", kill)
            .isEqualTo(expectedResume);
        assertThat(r[2])
            .as("kill %d: the resumed state equals the state saved at iteration %s", kill, r[1])
            .isEqualTo("true");
        int begins = 0;
        for (String line; (line = out.readLine()) != null; ) {
          String[] f = line.split(" ");
          if (f[0].equals("END")) {
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            lastEnd = Long.parseLong(f[1]);
            lastSaveNanos = Long.parseLong(f[2]);
            if (!leftBefore.isEmpty()) {
              // The first save after a killed one removed what it left behind.
              for (Path left : leftBefore) {
                assertThat(left)
                    .as("kill %d: abandoned temporary removed by the next save", kill)
                    .doesNotExist();
              }
              temporariesCleaned += leftBefore.size();
              leftBefore = List.of();
            }
          } else if (f[0].equals("BEGIN")) {
            lastBegin = Long.parseLong(f[1]);
            if (++begins == savesBeforeKill) {
              // A random moment inside the save (about a fifth of them just after it).
              LockSupport.parkNanos(random.nextLong(Math.max(1, lastSaveNanos * 5 / 4)));
              child.destroyForcibly();
              break;
            }
          }
        }
      }
      if (!child.waitFor(10, TimeUnit.SECONDS)) fail("child did not die after SIGKILL");

      // What the kill left: checkpoints that read back whole (or are refused), maybe a .tmp- dir.
      boolean midSave = !temporaries(trialDir).isEmpty();
      for (Path dir : checkpointDirs(trialDir)) {
        try {
          Checkpoint c = storage.read(dir);
          assertThat(c.iteration()).isLessThanOrEqualTo(lastBegin);
          checkpointsVerified++;
        } catch (CheckpointException refused) {
          fail(
              "kill %d: %s is named like a complete checkpoint but does not read back: %s",
              kill, dir, refused.getMessage());
        }
      }
      Optional<Checkpoint> latest = storage.latest();
      assertThat(latest).as("kill %d: a complete checkpoint exists", kill).isPresent();
      long restored = latest.get().iteration();
      assertThat(restored)
          .as("kill %d: newest checkpoint is the last one saved, or the one being saved", kill)
          .isIn(lastEnd, lastBegin);
      if (midSave) {
        killsMidSave++;
        assertThat(restored)
            .as("kill %d: the interrupted save is not visible", kill)
            .isEqualTo(lastEnd);
      } else if (restored == lastBegin && lastEnd != lastBegin) {
        killsPublished++;
      } else {
        killsEarly++;
      }
      assertRestoresExactly(latest.get(), kill);
      expectedResume = restored;
      prune(trialDir, 2);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String figures =
        String.format(
            "crash-consistency: %d SIGKILLs survived in %.1f s (seed %d): %d mid-save (left a .tmp- dir), "
                + "%d after the new checkpoint was renamed into place, %d before save() created its temporary directory; "
                + "%d checkpoint dirs verified, %d abandoned .tmp- dirs seen removed by the next save",
            KILLS,
            seconds,
            seed,
            killsMidSave,
            killsPublished,
            killsEarly,
            checkpointsVerified,
            temporariesCleaned);
    report(figures);
    assertThat(killsMidSave).as("kills that landed mid-save").isGreaterThan(KILLS / 5);
  }

  /**
   * Not an assertion: the price of {@code CheckpointOptions.fsync} for a 1 MB checkpoint, for the
   * README.
   */
  @Test
  void fsyncCostOfOneMegabyteCheckpoint() {
    double off = medianSaveMillis(false);
    double on = medianSaveMillis(true);
    report(
        String.format(
            "fsync cost: save() of a 1 MB, 4-file checkpoint: median %.2f ms with fsync off, %.2f ms with fsync on "
                + "(ext4, %s)",
            off, on, temp));
  }

  private double medianSaveMillis(boolean fsync) {
    Trial trial =
        Trial.builder(temp.resolve("fsync-" + fsync))
            .loggerCreator(ResultLoggers.none())
            .checkpointOptions(new CheckpointOptions(fsync, true))
            .build();
    BlobModel model = TrainableFactory.create(BlobModel.class, Config.empty(), trial);
    model.train();
    double[] ms = new double[15];
    for (int i = 0; i < ms.length + 3; i++) {
      long t0 = System.nanoTime();
      Checkpoint c = model.save();
      long t1 = System.nanoTime();
      if (i >= 3) ms[i - 3] = (t1 - t0) / 1e6; // the first saves warm up the JIT
      model.deleteCheckpoint(c.path());
    }
    model.stop();
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  private void assertRestoresExactly(Checkpoint latest, int kill) {
    Trial trial =
        Trial.builder(temp.resolve("verify-" + kill)).loggerCreator(ResultLoggers.none()).build();
    BlobModel fresh = TrainableFactory.create(BlobModel.class, Config.empty(), trial);
    fresh.restore(latest.path());
    assertThat(fresh.iteration()).isEqualTo(latest.iteration());
    assertThat(fresh.state)
        .as("kill %d: restored state of %s", kill, latest.path())
        .isDeepEqualTo(BlobModel.stateAt(latest.iteration(), 1.0));
    fresh.stop();
  }

  private static Process startChild(Path trialDir, Path stderr) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                trialDir.toString(),
                "false"));
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }

  private static List<Path> temporaries(Path trialDir) throws IOException {
    try (Stream<Path> s = Files.list(trialDir)) {
      return s.filter(p -> p.getFileName().toString().contains(".tmp-"))
          .collect(Collectors.toList());
    }
  }

  private static List<Path> checkpointDirs(Path trialDir) throws IOException {
    try (Stream<Path> s = Files.list(trialDir)) {
      return s.filter(p -> CheckpointFiles.indexOf(p) >= 0)
          .sorted(Comparator.comparingLong(CheckpointFiles::indexOf))
          .collect(Collectors.toList());
    }
  }

  /** Keeps the newest {@code keep} checkpoints so the trial directory stays small. */
  private static void prune(Path trialDir, int keep) throws IOException {
    List<Path> dirs = checkpointDirs(trialDir);
    for (int i = 0; i < dirs.size() - keep; i++) PathUtils.deleteDirectory(dirs.get(i));
  }

  static void report(String line) {
    System.out.println("[reliability] " + line);
    try {
      Path file = Path.of("target", "reliability-figures.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          line + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // figures are informative only
    }
  }
}

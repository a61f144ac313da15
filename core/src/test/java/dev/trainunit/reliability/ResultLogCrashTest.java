package dev.trainunit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial killed with SIGKILL while it logs results, then resumed in the same directory: after the
 * resumed trial appended to them, its result.json and progress.csv must hold whole lines and rows
 * only. Buffers used to be written out wherever they filled, mid-line, so a kill left a partial
 * line (5 runs of 6), and the resumed trial appended its first result onto it.
 */
class ResultLogCrashTest {

  private static final int KILLS = 6;

  @TempDir Path temp;

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void resultLogsHoldWholeLinesAfterSigkillAndResume() throws Exception {
    SplittableRandom random = new SplittableRandom(Long.getLong("trainunit.reliability.seed", 7));
    Path trialDir = temp.resolve("trial");
    int cutShort = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = start(trialDir);
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).as("kill %d: child running", kill).isEqualTo("RUNNING");
        LockSupport.parkNanos(random.nextLong(200_000_000, 1_500_000_000));
        child.destroyForcibly();
      }
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      // Whole lines are written in one write call each time, but a SIGKILL can still cut a write
      // call short inside the kernel: what the kill left may end in part of a line, which
      // reopening the file removes.
      if (!endsWithLineFeed(trialDir.resolve("result.json"))) cutShort++;

      // Resume in the same directory: appends to both files.
      Trial trial = Trial.builder(trialDir).id("crash").build();
      ResultLogChild.Chatty resumed =
          TrainableFactory.create(ResultLogChild.Chatty.class, Config.empty(), trial);
      resumed.train();
      resumed.stop();
      assertWholeLines(trialDir, "kill " + kill + ", after a resumed trial appended");
    }
    CrashConsistencyTest.report(
        "result logs: "
            + KILLS
            + " SIGKILLs while logging, "
            + cutShort
            + " left a write cut short (a partial last line, removed on reopening)");
  }

  private static boolean endsWithLineFeed(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
  }

  /** What a write cut short leaves behind is removed when the files are opened again. */
  @Test
  void aPartialLastLineOrRowIsRemovedWhenTheLogsAreReopened() throws Exception {
    Path trialDir = temp.resolve("partial");
    Trial trial = Trial.builder(trialDir).id("crash").build();
    ResultLogChild.Chatty first =
        TrainableFactory.create(ResultLogChild.Chatty.class, Config.empty(), trial);
    first.train();
    first.stop();
    Files.writeString(
        trialDir.resolve("result.json"), "{\"loss\": 0.5, \"no", StandardOpenOption.APPEND);
    Files.writeString(
        trialDir.resolve("progress.csv"), "0.5,\"half a\nquoted", StandardOpenOption.APPEND);

    ResultLogChild.Chatty resumed =
        TrainableFactory.create(ResultLogChild.Chatty.class, Config.empty(), trial);
    resumed.train();
    resumed.stop();

    assertWholeLines(trialDir, "after the resumed trial");
    assertThat(Files.readAllLines(trialDir.resolve("result.json"))).hasSize(2);
  }

  private static void assertWholeLines(Path trialDir, String when) throws IOException {
    Path json = trialDir.resolve("result.json");
    String text = Files.readString(json, StandardCharsets.UTF_8);
    assertThat(text.isEmpty() || text.endsWith("\n"))
        .as("%s: result.json ends with a whole line: ...%s", when, tail(text))
        .isTrue();
    ObjectMapper mapper = new ObjectMapper();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      assertThat(mapper.readTree(line).has("training_iteration"))
          .as("%s: result.json line %d of %d is a whole result", when, i + 1, lines.size())
          .isTrue();
    }
    Path csv = trialDir.resolve("progress.csv");
    if (Files.size(csv) == 0) return; // nothing pushed to the file system yet
    try (MappingIterator<Map<String, String>> rows =
        new CsvMapper()
            .readerFor(Map.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(csv.toFile())) {
      List<Map<String, String>> all = rows.readAll();
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).get("quote"))
            .as("%s: progress.csv row %d of %d is whole", when, i + 1, all.size())
            .isEqualTo("a \"b\",\nc");
      }
    }
  }

  private static String tail(String text) {
    return text.substring(Math.max(0, text.length() - 200));
  }

  private static Process start(Path trialDir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                ResultLogChild.class.getName(),
                trialDir.toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}

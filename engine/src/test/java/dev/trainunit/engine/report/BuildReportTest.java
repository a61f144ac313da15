package dev.trainunit.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainunit.engine.EngineTestKitSupport;
import dev.trainunit.engine.EngineTestKitSupport.Outcomes;
import dev.trainunit.engine.config.Constants;
import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.fixtures.AllowedNanLoss;
import dev.trainunit.engine.fixtures.BrokenMissingMomentum;
import dev.trainunit.engine.fixtures.BrokenNanLoss;
import dev.trainunit.engine.fixtures.BrokenResetKeepsMomentum;
import dev.trainunit.engine.fixtures.BrokenRoundtrip;
import dev.trainunit.engine.fixtures.BrokenUnseededRng;
import dev.trainunit.engine.fixtures.CorrectModel;
import dev.trainunit.engine.fixtures.WellBehavedTrainable;
import dev.trainunit.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report covers the whole build: every engine execution that writes into one output directory
 * (Surefire forks, launcher sessions, reruns of failed checks) adds to it, and none erases what the
 * others ran.
 */
class BuildReportTest {

  @TempDir Path output;

  private Path reportDir() {
    return output.resolve("report");
  }

  private JsonNode summary() throws IOException {
    return Json.MAPPER.readTree(reportDir().resolve("trainunit-summary.json").toFile());
  }

  private static List<String> testClasses(JsonNode summary) {
    List<String> out = new ArrayList<>();
    summary
        .get("trainables")
        .forEach(t -> out.add(t.get("testClass").asText() + " config " + t.get("config").asInt()));
    return out;
  }

  /** Check id to "status: message", in report order, of the first section. */
  private static Map<String, String> checks(JsonNode summary) {
    Map<String, String> out = new LinkedHashMap<>();
    summary
        .get("trainables")
        .get(0)
        .get("checks")
        .forEach(
            c ->
                out.put(
                    c.get("id").asText(),
                    c.get("status").asText() + ": " + c.get("message").asText()));
    return out;
  }

  private static String name(Class<?> c) {
    return c.getName();
  }

  @Test
  void twoExecutionsIntoOneOutputDirectoryAreBothInTheReport() throws IOException {
    EngineTestKitSupport.run(output, CorrectModel.class);
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      EngineTestKitSupport.run(output, BrokenMissingMomentum.class);
    } finally {
      System.setOut(original);
    }

    JsonNode summary = summary();
    assertThat(testClasses(summary))
        .containsExactly(
            name(BrokenMissingMomentum.class) + " config 1",
            name(CorrectModel.class) + " config 1",
            name(CorrectModel.class) + " config 2");
    JsonNode totals = summary.get("totals");
    long passed = 0;
    long failed = 0;
    long skipped = 0;
    for (JsonNode t : summary.get("trainables")) {
      passed += t.get("passed").asLong();
      failed += t.get("failed").asLong();
      skipped += t.get("skipped").asLong();
    }
    assertThat(summary.get("trainables").get(1).get("passed").asLong()).isPositive();
    assertThat(totals.get("passed").asLong()).isEqualTo(passed);
    assertThat(totals.get("failed").asLong()).isEqualTo(failed).isEqualTo(2);
    assertThat(totals.get("skipped").asLong()).isEqualTo(skipped);

    String html = Files.readString(reportDir().resolve("index.html"));
    assertThat(html)
        .contains(
            "id=\"dev-trainunit-engine-fixtures-BrokenMissingMomentum-config-1\"",
            "id=\"dev-trainunit-engine-fixtures-CorrectModel-config-1\"",
            "id=\"dev-trainunit-engine-fixtures-CorrectModel-config-2\"",
            "3 trainables/configs");
    // The console tells what this execution ran; the report, the build.
    assertThat(
            printed
                .toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("TrainUnit: ")))
        .singleElement()
        .asString()
        .startsWith("TrainUnit: BrokenMissingMomentum: ");
  }

  @Test
  void aRerunOfOneCheckReplacesItsOutcomeAndKeepsTheOtherChecks() throws IOException {
    EngineTestKitSupport.run(output, BrokenMissingMomentum.class);
    Map<String, String> first = checks(summary());
    assertThat(first.get("save-restore")).startsWith("failed: ");
    assertThat(first.get("lifecycle-fuzz")).startsWith("failed: ");

    // As Surefire reruns a failed test: a new launcher session that selects only that check.
    // Excluded
    // this time, so that its new outcome (skipped) tells itself apart from the first one.
    Outcomes rerun =
        new Outcomes(
            EngineTestKitSupport.engine(output)
                .selectors(selectMethod(BrokenMissingMomentum.class, "save-restore"))
                .configurationParameter(Constants.CHECKS_EXCLUDE, "save-restore")
                .execute());
    assertThat(rerun.statuses()).containsOnlyKeys("BrokenMissingMomentum#save-restore");

    JsonNode summary = summary();
    Map<String, String> merged = checks(summary);
    assertThat(merged.keySet()).containsExactlyElementsOf(first.keySet());
    assertThat(merged.get("save-restore"))
        .isEqualTo("skipped: excluded by configuration parameter trainunit.checks.exclude");
    first.forEach(
        (id, outcome) -> {
          if (!id.equals("save-restore")) assertThat(merged.get(id)).as(id).isEqualTo(outcome);
        });
    assertThat(summary.get("trainables").get(0).get("failed").asInt()).isEqualTo(1);
    assertThat(summary.get("totals").get("failed").asInt()).isEqualTo(1);
    assertThat(
            summary.get("trainables").get(0).get("finalMetrics").get("training_iteration").asInt())
        .as("the first execution's reference run")
        .isPositive();

    String html = Files.readString(reportDir().resolve("index.html"));
    for (String id : first.keySet()) assertThat(html).as(id).contains("data-check=\"" + id + "\"");
    assertThat(html)
        .contains("<tr class=\"check skipped\" data-check=\"save-restore\">")
        .doesNotContain("<div class=\"overlay\" data-check=\"save-restore\">")
        .contains("<tr class=\"check failed\" data-check=\"lifecycle-fuzz\">");
  }

  private static final List<Class<?>> CLASSES =
      List.of(
          CorrectModel.class,
          BrokenMissingMomentum.class,
          BrokenNanLoss.class,
          BrokenResetKeepsMomentum.class,
          BrokenRoundtrip.class,
          AllowedNanLoss.class,
          BrokenUnseededRng.class,
          WellBehavedTrainable.class);

  private List<String> expectedSections(List<Class<?>> classes) {
    return classes.stream()
        .map(Class::getName)
        .sorted()
        .flatMap(
            c ->
                c.equals(name(CorrectModel.class))
                    ? Stream.of(c + " config 1", c + " config 2")
                    : Stream.of(c + " config 1"))
        .toList();
  }

  private static List<Path> tempFilesLeft(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  @Test
  void executionsFinishingAtOnceInOneJvmAllEndUpInTheReport() throws Exception {
    EngineSettings settings = HandMadeRecords.settings(Map.of(Constants.REPORT_QUIET, "true"));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);
    CyclicBarrier start = new CyclicBarrier(CLASSES.size());
    ExecutorService pool = Executors.newFixedThreadPool(CLASSES.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Class<?> c : CLASSES) {
        RunRecord record = HandMadeRecords.lifecyclePassed(settings, c);
        done.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 5; round++) {
                    start.await(30, TimeUnit.SECONDS);
                    Reporter.finish(settings, reportDir(), record, System.out, err);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(errors.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(testClasses(summary())).containsExactlyElementsOf(expectedSections(CLASSES));
    assertThat(Files.readString(reportDir().resolve("index.html")))
        .contains(CLASSES.size() + 1 + " trainables/configs");
    assertThat(tempFilesLeft(reportDir())).isEmpty();
  }

  @Test
  void twoJvmsFinishingAtOnceBothEndUpInTheReport() throws Exception {
    List<Class<?>> classes = List.of(CorrectModel.class, BrokenMissingMomentum.class);
    int rounds = 6;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.currentTimeMillis() + 2_000; // time enough for both JVMs to boot
    List<Process> jvms = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (Class<?> c : classes) {
      Path log = output.resolve(c.getSimpleName() + ".log");
      logs.add(log);
      jvms.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  ConcurrentReportWriter.class.getName(),
                  output.toString(),
                  String.valueOf(start),
                  String.valueOf(rounds),
                  c.getName())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start());
    }
    for (int i = 0; i < jvms.size(); i++) {
      assertThat(jvms.get(i).waitFor(120, TimeUnit.SECONDS)).as("JVM " + i + " finished").isTrue();
      assertThat(jvms.get(i).exitValue()).as(Files.readString(logs.get(i))).isZero();
      assertThat(Files.readString(logs.get(i))).as("what JVM " + i + " printed").isEmpty();
    }
    for (int r = 0; r < rounds; r++) {
      Path dir = ConcurrentReportWriter.reportDir(output, r);
      JsonNode summary = Json.MAPPER.readTree(dir.resolve("trainunit-summary.json").toFile());
      assertThat(testClasses(summary))
          .as("round " + r)
          .containsExactlyElementsOf(expectedSections(classes));
      assertThat(tempFilesLeft(dir)).isEmpty();
    }
  }

  @Test
  void aPartThatCannotBeReadIsIgnoredWithAMessageAndTheRestRenders() throws IOException {
    Path parts = Files.createDirectories(reportDir().resolve(ReportParts.DIR));
    Path halfWritten = parts.resolve(name(CorrectModel.class) + ".json");
    Files.writeString(
        halfWritten, "{\n  \"format\" : 1,\n  \"testClass\" : \"dev.trainunit.engine.fix");
    Path otherFormat = parts.resolve(name(BrokenNanLoss.class) + ".json");
    Files.writeString(
        otherFormat,
        "{\"format\" : 99, \"testClass\" : \""
            + name(BrokenNanLoss.class)
            + "\", \"sections\" : []}");

    PrintStream original = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    Outcomes outcomes;
    try {
      outcomes = EngineTestKitSupport.run(output, BrokenMissingMomentum.class);
    } finally {
      System.setErr(original);
    }

    assertThat(outcomes.status("BrokenMissingMomentum#lifecycle")).isEqualTo("SUCCESSFUL");
    List<String> told =
        printed
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("TrainUnit: "))
            .toList();
    assertThat(told).hasSize(2);
    assertThat(told)
        .anySatisfy(
            l -> assertThat(l).startsWith("TrainUnit: ignored report part " + halfWritten + ": "));
    assertThat(told)
        .anySatisfy(
            l ->
                assertThat(l)
                    .isEqualTo(
                        "TrainUnit: ignored report part "
                            + otherFormat
                            + ": format 99, not "
                            + ReportPart.FORMAT
                            + " (written by another version of TrainUnit)"));
    assertThat(testClasses(summary()))
        .containsExactly(name(BrokenMissingMomentum.class) + " config 1");
    assertThat(Files.readString(reportDir().resolve("index.html")))
        .contains("BrokenMissingMomentum-config-1");
  }

  @Test
  void thePartOfAClassThatNoLongerExistsIsLeftOut() throws IOException {
    EngineSettings settings = HandMadeRecords.settings(Map.of(Constants.REPORT_QUIET, "true"));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);
    Reporter.finish(
        settings,
        reportDir(),
        HandMadeRecords.lifecyclePassed(settings, BrokenUnseededRng.class),
        System.out,
        err);
    Path parts = reportDir().resolve(ReportParts.DIR);
    String gone = "dev.trainunit.engine.fixtures.DeletedSinceModel";
    Files.writeString(
        parts.resolve(gone + ".json"),
        Files.readString(parts.resolve(name(BrokenUnseededRng.class) + ".json"))
            .replace(name(BrokenUnseededRng.class), gone));

    Reporter.finish(
        settings,
        reportDir(),
        HandMadeRecords.lifecyclePassed(settings, CorrectModel.class),
        System.out,
        err);

    assertThat(testClasses(summary()))
        .containsExactly(
            name(BrokenUnseededRng.class) + " config 1",
            name(CorrectModel.class) + " config 1",
            name(CorrectModel.class) + " config 2");
    assertThat(errors.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(parts.resolve(gone + ".json"))
        .as("left until the output directory is cleaned")
        .exists();
  }
}

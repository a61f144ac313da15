package dev.trainunit.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainunit.engine.EngineTestKitSupport;
import dev.trainunit.engine.EngineTestKitSupport.Outcomes;
import dev.trainunit.engine.check.DivergenceFailure;
import dev.trainunit.engine.fixtures.BrokenMissingMomentum;
import dev.trainunit.engine.fixtures.CorrectModel;
import dev.trainunit.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.opentest4j.AssertionFailedError;

class ReportTest {

  @TempDir Path output;

  /** Runs the engine with System.out captured; returns what it printed. */
  private String runCapturing(Runnable run) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static List<String> summaryLines(String printed) {
    return printed.lines().filter(l -> l.startsWith("TrainUnit: ")).toList();
  }

  @Test
  void theSummaryJsonListsEachTrainableAndConfigWithItsChecksAndFinalMetrics() throws IOException {
    Outcomes outcomes =
        EngineTestKitSupport.run(output, CorrectModel.class, BrokenMissingMomentum.class);
    Path html = output.resolve("report").resolve("index.html");
    JsonNode summary =
        Json.MAPPER.readTree(output.resolve("report").resolve("trainunit-summary.json").toFile());

    assertThat(summary.get("engine").asText()).isEqualTo("trainunit");
    assertThat(summary.get("report").asText()).isEqualTo(html.toString());
    JsonNode trainables = summary.get("trainables");
    assertThat(trainables).hasSize(3);
    // Ordered by class name, then config.
    assertThat(trainables.get(0).get("testClass").asText())
        .isEqualTo(BrokenMissingMomentum.class.getName());
    assertThat(trainables.get(1).get("testClass").asText()).isEqualTo(CorrectModel.class.getName());
    assertThat(trainables.get(1).get("config").asInt()).isEqualTo(1);
    assertThat(trainables.get(2).get("config").asInt()).isEqualTo(2);
    assertThat(trainables.get(2).get("configValues").get("momentum").asDouble()).isEqualTo(0.5);

    JsonNode broken = trainables.get(0);
    assertThat(broken.get("report").asText())
        .startsWith(html + "#")
        .endsWith("BrokenMissingMomentum-config-1");
    // save-restore, and lifecycle-fuzz, whose random restores meet the same incomplete checkpoint.
    assertThat(broken.get("failed").asInt()).isEqualTo(2);
    long total = 0;
    for (JsonNode check : broken.get("checks")) {
      String id = check.get("id").asText();
      String expected =
          switch (outcomes.status("BrokenMissingMomentum#" + id)) {
            case "SUCCESSFUL" -> "passed";
            case "FAILED" -> "failed";
            case "ABORTED" -> "aborted";
            default -> "skipped";
          };
      assertThat(check.get("status").asText()).as(id).isEqualTo(expected);
      total++;
    }
    assertThat(total)
        .isEqualTo(
            outcomes.withStatus("BrokenMissingMomentum", "SUCCESSFUL").size()
                + outcomes.withStatus("BrokenMissingMomentum", "FAILED").size()
                + outcomes.withStatus("BrokenMissingMomentum", "ABORTED").size()
                + outcomes.withStatus("BrokenMissingMomentum", "SKIPPED").size());

    JsonNode saveRestore = find(broken.get("checks"), "save-restore");
    assertThat(saveRestore.get("status").asText()).isEqualTo("failed");
    assertThat(saveRestore.get("message").asText())
        .isEqualTo(outcomes.message("BrokenMissingMomentum#save-restore"));
    assertThat(saveRestore.get("divergence").get("iteration").asLong()).isGreaterThan(1);
    assertThat(saveRestore.get("divergence").get("expected").isNumber()).isTrue();

    JsonNode finalMetrics = trainables.get(1).get("finalMetrics");
    assertThat(finalMetrics.get("training_iteration").asInt()).isEqualTo(6);
    assertThat(finalMetrics.get("loss").isNumber()).isTrue();
    assertThat(finalMetrics.has("time_total_s")).as("timing is left out").isFalse();
    assertThat(trainables.get(1).get("failed").asInt()).isZero();
    assertThat(summary.get("totals").get("failed").asInt()).isEqualTo(2);
  }

  @Test
  void aFailedComparisonCarriesBothStreamsForTheOverlay() {
    Outcomes outcomes = EngineTestKitSupport.run(output, BrokenMissingMomentum.class);
    Throwable thrown = outcomes.throwable("BrokenMissingMomentum#save-restore").orElseThrow();
    assertThat(thrown)
        .isInstanceOf(DivergenceFailure.class)
        .isInstanceOf(AssertionFailedError.class);
    DivergenceFailure failure = (DivergenceFailure) thrown;
    assertThat(failure.expectedStream()).isNotEmpty().hasSameSizeAs(failure.actualStream());
    assertThat(failure.expectedStream().get(0).get("training_iteration"))
        .isEqualTo(failure.firstIteration());
    assertThat(failure.divergence().iteration()).isGreaterThanOrEqualTo(failure.firstIteration());
    assertThat(failure.expectedRun()).isEqualTo("in the uninterrupted run");
    assertThat(failure.actualRun()).isEqualTo("after restore");
  }

  @Test
  void theConsoleSummaryHasOneLinePerTrainableAndConfigPrintedOnce() {
    Outcomes[] outcomes = new Outcomes[1];
    String printed =
        runCapturing(
            () ->
                outcomes[0] =
                    EngineTestKitSupport.run(
                        output, CorrectModel.class, BrokenMissingMomentum.class));
    Path html = output.resolve("report").resolve("index.html");
    // The cost part ("74 steps (7.4× the run), 3.2 s") varies with the machine's speed; it is
    // matched by its shape here and counted exactly in CheckCostTest.
    String cost = "; \\d+ steps \\(\\d+\\.\\d× the run\\), \\d+\\.\\d s; report: ";
    List<String> lines = summaryLines(printed);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .matches(
            Pattern.quote(
                    "TrainUnit: BrokenMissingMomentum: "
                        + counts(outcomes[0], "BrokenMissingMomentum", ""))
                + cost
                + Pattern.quote(html.toString()));
    assertThat(lines.get(1))
        .matches(
            Pattern.quote(
                    "TrainUnit: CorrectModel [config 1]: "
                        + counts(outcomes[0], "CorrectModel", "[config 1]"))
                + cost
                + Pattern.quote(html.toString()));
    assertThat(lines.get(2))
        .matches(
            Pattern.quote(
                    "TrainUnit: CorrectModel [config 2]: "
                        + counts(outcomes[0], "CorrectModel", "[config 2]"))
                + cost
                + Pattern.quote(html.toString()));
    assertThat(lines.get(0))
        .matches("TrainUnit: BrokenMissingMomentum: \\d+ passed, 2 failed, \\d+ skipped; .*");
  }

  /**
   * "5 passed, 1 failed, 0 skipped" as the engine's own events count them (aborted counts as
   * skipped).
   */
  private static String counts(Outcomes outcomes, String simpleName, String configSuffix) {
    var statuses =
        outcomes.statuses().entrySet().stream()
            .filter(
                e -> e.getKey().startsWith(simpleName + "#") && e.getKey().endsWith(configSuffix))
            .map(e -> e.getValue())
            .toList();
    long passed = statuses.stream().filter("SUCCESSFUL"::equals).count();
    long failed = statuses.stream().filter("FAILED"::equals).count();
    long skipped =
        statuses.stream().filter(s -> s.equals("SKIPPED") || s.equals("ABORTED")).count();
    return passed + " passed, " + failed + " failed, " + skipped + " skipped";
  }

  @Test
  void quietPrintsNothingAndDisabledWritesNoHtmlButStillTheJson() throws IOException {
    String printed =
        runCapturing(
            () ->
                EngineTestKitSupport.engine(output)
                    .selectors(DiscoverySelectors.selectClass(BrokenMissingMomentum.class))
                    .configurationParameter("trainunit.report.quiet", "true")
                    .execute());
    assertThat(summaryLines(printed)).isEmpty();
    assertThat(output.resolve("report").resolve("index.html")).exists();

    printed =
        runCapturing(
            () ->
                EngineTestKitSupport.engine(output)
                    .selectors(DiscoverySelectors.selectClass(BrokenMissingMomentum.class))
                    .configurationParameter("trainunit.report.enabled", "false")
                    .execute());
    assertThat(output.resolve("report").resolve("index.html")).doesNotExist();
    Path json = output.resolve("report").resolve("trainunit-summary.json");
    assertThat(Json.MAPPER.readTree(json.toFile()).get("report").isNull()).isTrue();
    assertThat(summaryLines(printed))
        .singleElement()
        .asString()
        .matches(
            "TrainUnit: BrokenMissingMomentum: \\d+ passed, 2 failed, \\d+ skipped; \\d+ steps .*; report: "
                + Pattern.quote("HTML off (trainunit.report.enabled=false), summary " + json));
  }

  @Test
  void theHtmlDrawsAChartPerMetricAndOverlaysTheFailedComparisonAtTheDivergence()
      throws IOException {
    EngineTestKitSupport.run(output, CorrectModel.class, BrokenMissingMomentum.class);
    String html = Files.readString(output.resolve("report").resolve("index.html"));
    JsonNode summary =
        Json.MAPPER.readTree(output.resolve("report").resolve("trainunit-summary.json").toFile());
    long divergedAt =
        find(summary.get("trainables").get(0).get("checks"), "save-restore")
            .get("divergence")
            .get("iteration")
            .asLong();

    // Self-contained: nothing to fetch, nothing to run.
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
    assertThat(html.replace("http://www.w3.org/2000/svg", ""))
        .doesNotContain("http://")
        .doesNotContain("https://");

    // Three sections; each draws one learning curve per numeric metric of the reference run.
    for (String anchor :
        List.of(
            "BrokenMissingMomentum-config-1", "CorrectModel-config-1", "CorrectModel-config-2")) {
      String section = section(html, anchor);
      List<String> curves = attributeValues(section, "<figure class=\"curve\" data-metric=\"");
      assertThat(curves).as(anchor).containsExactlyInAnyOrder("loss", "w");
      String learning = section.substring(section.indexOf("<div class=\"curves\">"));
      assertThat(count(learning, "<g class=\"series reference\"")).isEqualTo(2);
      assertThat(count(learning, "<path class=\"line\" d=\"M")).isEqualTo(2);
    }
    assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(3 * 2 + 2);

    // The failing save-restore overlays expected and actual, marked where they part.
    String broken = section(html, "BrokenMissingMomentum-config-1");
    assertThat(broken).contains("<div class=\"overlay\" data-check=\"save-restore\">");
    assertThat(count(broken, "<figure class=\"curve overlay-chart\"")).isEqualTo(2);
    assertThat(count(broken, "<g class=\"series expected\"")).isEqualTo(2);
    assertThat(count(broken, "<g class=\"series actual\"")).isEqualTo(2);
    assertThat(broken)
        .contains("<g class=\"divergence-marker\" data-iteration=\"" + divergedAt + ".0\">")
        .contains("diverged at iteration " + divergedAt);
    assertThat(section(html, "CorrectModel-config-1")).doesNotContain("divergence-marker");
  }

  private static JsonNode find(JsonNode checks, String id) {
    for (JsonNode c : checks) if (c.get("id").asText().equals(id)) return c;
    throw new AssertionError("no check " + id);
  }

  private static String section(String html, String anchor) {
    // Anchors are the full class name with '.' as '-'.
    int start = html.indexOf("id=\"dev-trainunit-engine-fixtures-" + anchor + "\"");
    assertThat(start).as("section " + anchor).isPositive();
    int end = html.indexOf("</section>", start);
    return html.substring(start, end);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
    return n;
  }

  private static List<String> attributeValues(String text, String prefix) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(Pattern.quote(prefix) + "([^\"]*)\"").matcher(text);
    while (m.find()) out.add(m.group(1));
    return out;
  }
}

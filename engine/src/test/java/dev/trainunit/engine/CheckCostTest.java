package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.fixtures.CountingModels;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the default check catalogue costs, counted in step() calls (never in seconds): at most 8×
 * the steps of one run per config, fresh JVM included, for a plain trainable, one that ends early
 * and one with two configs — and the cost the engine reports is the cost counted here.
 */
class CheckCostTest {

  @TempDir Path output;

  @Test
  void tenIterationsOneConfig() throws IOException {
    assertWithinBudget(CountingModels.TenIterations.class, 10, 1);
  }

  @Test
  void aRunThatEndsEarlyAtItsSixthResult() throws IOException {
    assertWithinBudget(CountingModels.EndsEarly.class, 6, 1);
  }

  @Test
  void twoConfigs() throws IOException {
    assertWithinBudget(CountingModels.TwoConfigs.class, 10, 2);
  }

  /**
   * Every check but lifecycle-fuzz runs in full, so a very short run costs more than the budget:
   * the README gives the figure, and this test keeps it true.
   */
  @Test
  void aThreeIterationRunCostsItsFixedPart() throws IOException {
    assertSteps(CountingModels.ThreeIterations.class, 3, 1, 9);
  }

  private void assertWithinBudget(Class<?> type, int runLength, int configs) throws IOException {
    assertSteps(type, runLength, configs, 8);
  }

  private void assertSteps(Class<?> type, int runLength, int configs, int timesTheRun)
      throws IOException {
    int before = CountingModels.calls(type, "step");
    EngineTestKitSupport.engine(output)
        .configurationParameter("trainunit.fresh-jvm.enabled", "true")
        .configurationParameter("trainunit.fuzz.runs", "20")
        .selectors(selectClass(type))
        .execute()
        .testEvents()
        .assertStatistics(
            // export-model (no format) and checkpoint-compat (no golden directory) are skipped,
            // and with one config pbt-exploit
            stats ->
                stats
                    .failed(0)
                    .succeeded(
                        (CheckCatalog.standard().ids().size() - (configs == 1 ? 3 : 2)) * configs));
    long inThisJvm = CountingModels.calls(type, "step") - before;
    long inFreshJvms = freshJvmSteps(output);
    assertThat(inFreshJvms).as("the fresh JVM continued from a checkpoint").isPositive();
    long steps = inThisJvm + inFreshJvms;
    System.out.printf(
        "%s: %d step() calls (%d in this JVM, %d in fresh JVMs) for %d config(s) of %d: %.1f× the run%n",
        type.getSimpleName(),
        steps,
        inThisJvm,
        inFreshJvms,
        configs,
        runLength,
        steps / (double) (runLength * configs));
    assertThat(steps)
        .as("steps of the whole catalogue")
        .isLessThanOrEqualTo((long) timesTheRun * runLength * configs);
    assertThat(reportedSteps(output)).as("the cost the report shows").isEqualTo(steps);
  }

  /** A fresh JVM's steps are the lines of its own result.json. */
  private static long freshJvmSteps(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().equals("result.json")
                      && p.toString().contains("fresh-jvm"))
          .mapToLong(CheckCostTest::lines)
          .sum();
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> !l.isBlank()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long reportedSteps(Path root) throws IOException {
    JsonNode summary =
        Json.MAPPER.readTree(root.resolve("report").resolve("trainunit-summary.json").toFile());
    long steps = 0;
    for (JsonNode t : summary.get("trainables")) steps += t.get("cost").get("steps").asLong();
    return steps;
  }
}

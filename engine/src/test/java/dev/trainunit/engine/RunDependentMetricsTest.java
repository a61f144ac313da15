package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.fixtures.BrokenUnseededRng;
import dev.trainunit.engine.fixtures.ReportsThroughput;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * A metric read off the clock differs between any two runs of a correct model; it must not fail the
 * checks that compare runs, while a model whose state differs between runs still fails.
 */
class RunDependentMetricsTest {

  @TempDir Path output;

  @Test
  void aThroughputReadOffTheClockFailsNothingAndIsReported() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(ReportsThroughput.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.succeeded())
        .contains("determinism", "save-restore", "reset-config", "lifecycle-fuzz");
    assertThat(
            outcomes.raw().allEvents().reportingEntryPublished().stream()
                .map(
                    e ->
                        e.getRequiredPayload(ReportEntry.class)
                            .getKeyValuePairs()
                            .get("run-dependent-metrics"))
                .filter(Objects::nonNull)
                .toList())
        .singleElement()
        .asString()
        .startsWith("samples_per_s differ between two fresh runs while every other metric agrees")
        .contains("@Trainable(ignoreMetrics)");
  }

  @Test
  void aModelWhoseLossDiffersBetweenRunsStillFailsDeterminism() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(BrokenUnseededRng.class, output);

    assertThat(outcomes.failed()).containsKey("determinism");
    assertThat(outcomes.failure("determinism"))
        .contains("two fresh instances with the same config");
  }
}

package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.fixtures.BrokenMissingMomentum;
import dev.trainunit.engine.fixtures.BrokenReusedMetricsMap;
import dev.trainunit.engine.fixtures.BrokenUnseededRng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bug, one explanation: every check a broken fixture fails names the same likely cause,
 * whatever part of the contract the check exercises. (That AppendingRestoreTrainable and
 * StaticReferenceCheckpointTrainable still get the causes only one check can show is asserted in
 * LifecycleFuzzCheckTest and FreshJvmRestoreCheckTest.)
 */
class LikelyCauseTest {

  static final String MISSING_FROM_CHECKPOINT =
      "state missing from saveCheckpoint? Optimizer moments (momentum, "
          + "Adam m/v and step), RNG state and the data-loader position are the usual suspects";

  static final String NOT_REPRODUCIBLE =
      "the trainable is not reproducible: an unseeded random number generator";

  @TempDir Path output;

  @Test
  void everyCheckACheckpointWithoutTheMomentumFailsBlamesTheCheckpoint() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(BrokenMissingMomentum.class, output);

    assertThat(outcomes.failed())
        .as(outcomes.toString())
        .containsOnlyKeys("save-restore", "fresh-jvm-restore", "lifecycle-fuzz");
    assertThat(outcomes.failed().values())
        .allSatisfy(
            message ->
                assertThat(message)
                    .contains(MISSING_FROM_CHECKPOINT)
                    .doesNotContain("static fields")
                    .doesNotContain("replace the current state"));
    assertThat(outcomes.failure("fresh-jvm-restore"))
        .contains(
            "a checkpoint restored into a fresh instance in this JVM does not continue exactly either");
  }

  @Test
  void everyCheckATrainableThatIsNotReproducibleFailsSaysSo() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(BrokenUnseededRng.class, output);

    // train-buffered cannot be blamed: with runs that are not reproducible it compares the counters
    // only.
    assertThat(outcomes.failed())
        .as(outcomes.toString())
        .containsOnlyKeys("determinism", "reset-config", "lifecycle-fuzz");
    assertThat(outcomes.succeeded()).contains("train-buffered");
    assertThat(outcomes.failed().values())
        .allSatisfy(
            message ->
                assertThat(message)
                    .contains(NOT_REPRODUCIBLE)
                    .doesNotContain("new map")
                    .doesNotContain("kept state")
                    .doesNotContain("how training was driven"));
    assertThat(outcomes.failure("reset-config"))
        .contains(
            "two fresh instances with the same config already disagree, so the trainable is not reproducible");
  }

  @Test
  void bothChecksAReusedResultMapFailsBlameTheReusedMap() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(BrokenReusedMetricsMap.class, output);

    assertThat(outcomes.failed())
        .as(outcomes.toString())
        .containsOnlyKeys("train-buffered", "lifecycle-fuzz");
    assertThat(outcomes.failed().values())
        .allSatisfy(
            message ->
                assertThat(message)
                    .contains(
                        "a result changed after it was returned? step() must return a new map each time")
                    .doesNotContain("how training was driven"));
  }

  /**
   * Checks that fail at the same time, in parallel, wait for one another's evidence instead of
   * training for it again.
   */
  @Test
  void theEvidenceIsFoundOutOnceForAllTheFailingChecksEvenInParallel() throws IOException {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(
            BrokenMissingMomentum.class,
            output,
            "trainunit.execution.parallel.enabled",
            "true",
            "trainunit.execution.parallel.config.strategy",
            "fixed",
            "trainunit.execution.parallel.config.fixed.parallelism",
            "4");

    assertThat(outcomes.failed())
        .as(outcomes.toString())
        .containsOnlyKeys("save-restore", "fresh-jvm-restore", "lifecycle-fuzz");
    assertThat(outcomes.failed().values())
        .allSatisfy(message -> assertThat(message).contains(MISSING_FROM_CHECKPOINT));
    try (Stream<Path> dirs = Files.list(output.resolve(BrokenMissingMomentum.class.getName()))) {
      // The restore evidence trains one instance; two fresh runs agreeing is the shared plain run.
      assertThat(dirs.map(d -> d.getFileName().toString()))
          .as("the trials the evidence ran")
          .filteredOn(n -> n.endsWith("-evidence-restored") || n.endsWith("-plain"))
          .hasSize(2);
    }
  }
}

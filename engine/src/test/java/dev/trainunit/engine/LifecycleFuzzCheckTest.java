package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.fixtures.AppendingRestoreTrainable;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleFuzzCheckTest {

  @TempDir Path output;

  @Test
  void aLoadCheckpointThatAddsToTheCurrentStateFailsLifecycleFuzzOnly() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(AppendingRestoreTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("lifecycle-fuzz");
    assertThat(outcomes.succeeded())
        .contains("save-restore", "checkpoint-roundtrip", "fresh-jvm-restore");
    String message = outcomes.failure("lifecycle-fuzz");
    assertThat(message)
        .contains("into the trained instance")
        .containsPattern("→ iteration \\d+ diverged: (loss|w) ")
        .contains("loadCheckpoint must replace the current state");
  }

  @Test
  void theReportedSeedReplaysTheSameMinimalSequence() {
    // A budget large enough that the random sequences, not the closing one, find the bug.
    String first =
        ContractCheckRuns.run(
                AppendingRestoreTrainable.class,
                output.resolve("first"),
                "trainunit.step.budget",
                "40")
            .failure("lifecycle-fuzz");
    Matcher seed = Pattern.compile("seed=(-?\\d+)").matcher(first);
    assertThat(seed.find()).as(first).isTrue();
    assertThat(first).containsPattern("-Dtrainunit\\.fuzz\\.seed=-?\\d+ replays it first");

    String replay =
        ContractCheckRuns.run(
                AppendingRestoreTrainable.class,
                output.resolve("replay"),
                "trainunit.step.budget",
                "40",
                "trainunit.fuzz.seed",
                seed.group(1),
                "trainunit.fuzz.runs",
                "1")
            .failure("lifecycle-fuzz");

    assertThat(replay)
        .startsWith("lifecycle-fuzz sequence 1 of at most 1 failed (seed " + seed.group(1) + ";");
    assertThat(minimalSequence(replay)).isEqualTo(minimalSequence(first));
  }

  private static String minimalSequence(String message) {
    return message.substring(message.indexOf("operations): "));
  }
}

package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.fixtures.StaticReferenceCheckpointTrainable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshJvmRestoreCheckTest {

  @TempDir Path output;

  @Test
  void aCheckpointHoldingOnlyAReferenceIntoAStaticMapFailsFreshJvmRestoreOnly() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(StaticReferenceCheckpointTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("fresh-jvm-restore");
    assertThat(outcomes.succeeded()).contains("save-restore", "checkpoint-roundtrip", "lifecycle-fuzz");
    assertThat(outcomes.failure("fresh-jvm-restore"))
        .startsWith("after restoring the checkpoint taken at iteration 3 in a new JVM, iteration 4 diverged: loss ")
        .contains("in the uninterrupted run")
        .contains("in the new JVM")
        .contains("state kept in static fields");
  }

  @Test
  void isSkippedWithAReasonWhenSwitchedOff() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(StaticReferenceCheckpointTrainable.class, output,
        "trainunit.fresh-jvm.enabled", "false");

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.skipped()).containsEntry("fresh-jvm-restore",
        "trainunit.fresh-jvm.enabled=false: restoring in a new JVM is switched off");
  }
}

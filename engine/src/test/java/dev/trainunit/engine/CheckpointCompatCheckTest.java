package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.fixtures.GoldenFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden checkpoints recorded by one build and checked by another. The fixtures' golden directories
 * are relative to the working directory (the engine module under Maven); the tests record into
 * target/, except the one committed under src/test/resources, which an older version of its fixture
 * recorded.
 */
class CheckpointCompatCheckTest {

  static final Path GOLDEN = Path.of("target/test-golden/Golden");

  @TempDir Path output;

  @BeforeAll
  static void recordTheGoldenCheckpointOfTheFirstBuild(@TempDir Path recording) throws IOException {
    if (Files.exists(GOLDEN)) PathUtils.deleteDirectory(GOLDEN);
    ContractCheckRuns.Outcomes recorded =
        ContractCheckRuns.run(
            GoldenFixtures.Golden.class, recording, "trainunit.golden.record", "true");
    assertThat(recorded.succeeded()).contains("checkpoint-compat");
    assertThat(GOLDEN.resolve("config-1"))
        .isDirectoryContaining("glob:**/golden.json")
        .isDirectoryContaining("glob:**/continuation.jsonl")
        .isDirectoryContaining("glob:**/checkpoint");
  }

  @Test
  void theSameBuildRestoresItsGoldenCheckpointAndContinuesAsRecorded() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(GoldenFixtures.Golden.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.succeeded()).contains("checkpoint-compat");
  }

  @Test
  void aChangedDefaultLearningRateFailsAtTheFirstDivergingIteration() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(GoldenFixtures.GoldenWithNewDefaultLr.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("checkpoint-compat");
    assertThat(outcomes.failure("checkpoint-compat"))
        .startsWith("after restoring the golden checkpoint in ")
        .contains("(config {}, iteration 3, TrainUnit checkpoint format 1), iteration 4 diverged:")
        .contains("as recorded")
        .contains("with this build")
        .contains("re-record with -Dtrainunit.golden.record=true and commit");
  }

  @Test
  void aRenamedKeyFailsWithTheExceptionOfLoadCheckpoint() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(GoldenFixtures.GoldenWithRenamedKey.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("checkpoint-compat");
    assertThat(outcomes.failure("checkpoint-compat"))
        .contains("no longer restores with this build")
        .contains("weight")
        .contains("re-record with -Dtrainunit.golden.record=true");
  }

  @Test
  void aSerializableClassWhoseImplicitSerialVersionUidChangedFailsWithTheInvalidClassException() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(GoldenFixtures.SerializedState.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("checkpoint-compat");
    assertThat(outcomes.failure("checkpoint-compat"))
        .contains("src/test/resources/golden/SerializedState/config-1")
        .contains("no longer restores with this build")
        .contains("java.io.InvalidClassException")
        .contains("local class incompatible: stream classdesc serialVersionUID = ")
        .contains("an explicit serialVersionUID");
  }

  @Test
  void withNothingRecordedTheCheckIsSkippedWithTheCommandThatRecords() throws IOException {
    Path never = Path.of("target/test-golden/NeverRecorded");
    if (Files.exists(never)) PathUtils.deleteDirectory(never);
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(GoldenFixtures.NeverRecorded.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.aborted().get("checkpoint-compat"))
        .startsWith("no golden checkpoint recorded yet in ")
        .endsWith("; run with -Dtrainunit.golden.record=true to record one, and commit it");
  }

  @Test
  void underTheStrictSwitchNothingRecordedFails() throws IOException {
    Path never = Path.of("target/test-golden/NeverRecorded");
    if (Files.exists(never)) PathUtils.deleteDirectory(never);
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(
            GoldenFixtures.NeverRecorded.class, output, "trainunit.golden.strict", "true");

    assertThat(outcomes.failed()).containsOnlyKeys("checkpoint-compat");
    assertThat(outcomes.failure("checkpoint-compat")).contains("trainunit.golden.strict is on");
  }
}

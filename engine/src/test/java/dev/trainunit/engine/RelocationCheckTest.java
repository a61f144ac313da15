package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.fixtures.RelocationFixtures.BrokenStateInTempDirectory;
import dev.trainunit.engine.fixtures.RelocationFixtures.BrokenStoreBesideTrials;
import dev.trainunit.engine.fixtures.RelocationFixtures.ProvenancePath;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelocationCheckTest {

  @TempDir Path output;

  @Test
  void aCheckpointThatHoldsOnlyThePathOfAStoreBesideTheTrialsFailsRelocationOnly() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(BrokenStoreBesideTrials.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("relocation");
    assertThat(outcomes.failure("relocation"))
        .startsWith("restoring a copy of the checkpoint of iteration 5 fails (")
        .contains("NoSuchFileException")
        .contains("and works when they are back: the checkpoint points at files outside itself")
        .containsPattern("dict_checkpoint\\.json names \\S+/blob-store/[0-9a-f]+\\.state \\(")
        .contains("Ray's rule is not to rely on absolute paths");
    assertThat(output).isDirectoryRecursivelyContaining("glob:**/blob-store/*.state");
  }

  @Test
  void aCheckpointThatKeepsItsStateInTheTempDirectoryFailsRelocationOnly() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(BrokenStateInTempDirectory.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("relocation");
    assertThat(outcomes.failure("relocation"))
        .containsPattern(
            "trainunit-fixture-blobs/[0-9a-f]+\\.state \\((in the temp directory|in the output directory|beside the trial directory)\\)");
    assertThat(Path.of(System.getProperty("java.io.tmpdir"), "trainunit-fixture-blobs"))
        .as("moved back after the check")
        .isDirectory();
  }

  @Test
  void absolutePathsKeptAsProvenanceAndNeverReadPass() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(ProvenancePath.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.succeeded()).contains("relocation", "checkpoint-roundtrip");
  }
}

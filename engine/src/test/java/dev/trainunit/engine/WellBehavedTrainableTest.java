package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.fixtures.WellBehavedTrainable;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainable that holds a thread and a file, exports two formats and checkpoints honestly passes
 * every check.
 */
class WellBehavedTrainableTest {

  @TempDir Path output;

  @Test
  void passesEveryCheck() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(WellBehavedTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.aborted()).isEmpty();
    // One config: there is no second one for population-based training to move a checkpoint to
    // (PbtExploitCheckTest runs the check on CorrectModel, which has two).
    // and no golden directory: checkpoint-compat has nothing recorded to restore
    assertThat(outcomes.skipped()).containsOnlyKeys("pbt-exploit", "checkpoint-compat");
    assertThat(outcomes.succeeded())
        .containsExactlyInAnyOrderElementsOf(
            CheckCatalog.standard().ids().stream()
                .filter(id -> !Set.of("pbt-exploit", "checkpoint-compat").contains(id))
                .toList())
        .contains("cleanup", "export-model", "fresh-jvm-restore", "lifecycle-fuzz");
  }
}

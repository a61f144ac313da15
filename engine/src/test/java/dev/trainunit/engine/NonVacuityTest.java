package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.fixtures.BrokenMissingMomentum;
import dev.trainunit.engine.fixtures.CorrectModelTest;
import dev.trainunit.engine.fixtures.StateBlindMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A comparison that cannot fail proves nothing: save-restore says so instead of passing. */
class NonVacuityTest {

  @TempDir Path output;

  @Test
  void metricsThatCannotSeeTheStateAbortSaveRestoreWithTheReason() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(StateBlindMetrics.class, output);
    // Without the rule save-restore passes although the checkpoint misses the momentum.
    assertThat(outcomes.aborted()).as(outcomes.toString()).containsKey("save-restore");
    assertThat(outcomes.aborted().get("save-restore"))
        .contains("the metrics do not reveal the model's state")
        .contains("report the loss or another metric that depends on the weights");
    assertThat(outcomes.succeeded()).doesNotContain("save-restore");
  }

  @Test
  void metricsThatDependOnTheStateKeepTheComparison() {
    assertThat(ContractCheckRuns.run(CorrectModelTest.class, output.resolve("correct")).succeeded())
        .contains("save-restore");
    assertThat(
            ContractCheckRuns.run(BrokenMissingMomentum.class, output.resolve("broken")).failed())
        .containsKey("save-restore");
  }
}

package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.EngineTestKitSupport.Outcomes;
import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.fixtures.AllowedNanLoss;
import dev.trainunit.engine.fixtures.BrokenMissingMomentum;
import dev.trainunit.engine.fixtures.BrokenNanLoss;
import dev.trainunit.engine.fixtures.BrokenResetKeepsMomentum;
import dev.trainunit.engine.fixtures.BrokenReusedMetricsMap;
import dev.trainunit.engine.fixtures.BrokenRoundtrip;
import dev.trainunit.engine.fixtures.BrokenUnseededRng;
import dev.trainunit.engine.fixtures.CorrectModel;
import dev.trainunit.engine.fixtures.CorrectModelTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each broken fixture gets one thing wrong; the check made for that mistake must fail on it (with a
 * message a model author can act on), and the correct fixtures must pass.
 */
class CheckCatalogueTest {

  static final List<String> FIRST_SIX =
      List.of(
          "lifecycle",
          "determinism",
          "save-restore",
          "checkpoint-roundtrip",
          "reset-config",
          "train-buffered");

  @TempDir static Path output;

  static Outcomes outcomes;

  @BeforeAll
  static void runAllFixtures() {
    outcomes =
        EngineTestKitSupport.run(
            output,
            CorrectModel.class,
            CorrectModelTest.class,
            BrokenMissingMomentum.class,
            BrokenUnseededRng.class,
            BrokenResetKeepsMomentum.class,
            BrokenNanLoss.class,
            AllowedNanLoss.class,
            BrokenReusedMetricsMap.class,
            BrokenRoundtrip.class);
  }

  @Test
  void correctTrainablesFailNoCheck() {
    assertThat(outcomes.withStatus("CorrectModel", "FAILED")).isEmpty();
    assertThat(outcomes.withStatus("CorrectModelTest", "FAILED")).isEmpty();
    // export-model (no format), fresh-jvm-restore (off here), pbt-exploit (one config) and
    // checkpoint-compat (no golden directory) skip
    assertThat(outcomes.withStatus("CorrectModelTest", "SUCCESSFUL"))
        .containsExactlyElementsOf(
            CheckCatalog.standard().ids().stream()
                .filter(
                    id ->
                        !Set.of(
                                "export-model",
                                "fresh-jvm-restore",
                                "pbt-exploit",
                                "checkpoint-compat")
                            .contains(id))
                .map(id -> "CorrectModelTest#" + id)
                .toList());
  }

  @Test
  void correctTrainablesPassEveryCheck() {
    for (String check : FIRST_SIX) {
      assertThat(outcomes.status("CorrectModel#" + check + "[config 1]"))
          .as(check)
          .isEqualTo("SUCCESSFUL");
      assertThat(outcomes.status("CorrectModel#" + check + "[config 2]"))
          .as(check)
          .isEqualTo("SUCCESSFUL");
      assertThat(outcomes.status("CorrectModelTest#" + check)).as(check).isEqualTo("SUCCESSFUL");
    }
  }

  @Test
  void lifecycleRefusesANonFiniteMetricUnlessAllowed() {
    assertThat(outcomes.withStatus("BrokenNanLoss", "FAILED"))
        .containsExactly("BrokenNanLoss#lifecycle");
    assertThat(outcomes.message("BrokenNanLoss#lifecycle"))
        .contains("iteration 3")
        .contains("grad_norm is NaN")
        .contains("allowNonFinite");
    assertThat(outcomes.withStatus("AllowedNanLoss", "FAILED")).isEmpty();
  }

  @Test
  void determinismCatchesAnUnseededGenerator() {
    assertThat(outcomes.status("BrokenUnseededRng#determinism")).isEqualTo("FAILED");
    assertThat(outcomes.message("BrokenUnseededRng#determinism"))
        .contains("iteration 1 diverged")
        .contains("loss")
        .contains("unseeded random number generator");
    // Its own checkpoints are complete, so restoring one continues exactly as the saved instance
    // does.
    assertThat(outcomes.status("BrokenUnseededRng#save-restore")).isEqualTo("SUCCESSFUL");
    assertThat(outcomes.status("BrokenUnseededRng#checkpoint-roundtrip")).isEqualTo("SUCCESSFUL");
  }

  @Test
  void saveRestoreCatchesOptimizerStateMissingFromTheCheckpoint() {
    // Random sequences of saves and restores see it too, as they should.
    assertThat(outcomes.withStatus("BrokenMissingMomentum", "FAILED"))
        .containsExactlyInAnyOrder(
            "BrokenMissingMomentum#save-restore", "BrokenMissingMomentum#lifecycle-fuzz");
    assertThat(outcomes.message("BrokenMissingMomentum#save-restore"))
        .contains("after restoring the checkpoint taken at iteration 1")
        .contains("iteration 2 diverged")
        .contains("in the uninterrupted run")
        .contains("after restore")
        .contains("Optimizer moments")
        // the field at fault, found by comparing the restored instance with one in the saved state
        .contains(
            "Fields that differ right after restoring the checkpoint of iteration 1: vw (double, saved ")
        .contains("vb (double, saved ");
  }

  @Test
  void checkpointRoundtripCatchesStateThatIsSavedButNotLoaded() {
    assertThat(outcomes.withStatus("BrokenRoundtrip", "FAILED"))
        .containsExactly("BrokenRoundtrip#checkpoint-roundtrip");
    assertThat(outcomes.message("BrokenRoundtrip#checkpoint-roundtrip"))
        .contains("samples_seen")
        .contains("24 before, 0 after");
  }

  @Test
  void resetConfigCatchesStateKeptAcrossReset() {
    assertThat(outcomes.withStatus("BrokenResetKeepsMomentum", "FAILED"))
        .containsExactlyInAnyOrder(
            "BrokenResetKeepsMomentum#reset-config", "BrokenResetKeepsMomentum#lifecycle-fuzz");
    assertThat(outcomes.message("BrokenResetKeepsMomentum#reset-config"))
        .contains("reset(")
        .contains("iteration 1 diverged")
        .contains("in a fresh instance")
        .contains("kept state");
  }

  @Test
  void trainBufferedCatchesAResultMapThatIsReused() {
    assertThat(outcomes.withStatus("BrokenReusedMetricsMap", "FAILED"))
        .containsExactlyInAnyOrder(
            "BrokenReusedMetricsMap#train-buffered", "BrokenReusedMetricsMap#lifecycle-fuzz");
    assertThat(outcomes.message("BrokenReusedMetricsMap#train-buffered"))
        .contains("trainBuffered")
        .contains("new map");
  }
}

package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.HookException;
import dev.trainunit.engine.EngineTestKitSupport.Outcomes;
import dev.trainunit.engine.fixtures.CorrectModelTest;
import dev.trainunit.engine.fixtures.ExitsInItsOwnJvm;
import dev.trainunit.engine.fixtures.Faults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * User code that throws in each hook fails the checks that exercise that hook, names the hook,
 * keeps the cause, and leaves every other check and every other trainable running.
 */
class FaultContainmentTest {

  static final List<String> CHECKS = CheckCatalogueTest.FIRST_SIX;
  static final List<String> ALL = CHECKS;

  @TempDir static Path output;

  static Outcomes outcomes;

  @BeforeAll
  static void runFaultyTrainablesBesideACorrectOne() {
    outcomes =
        EngineTestKitSupport.run(
            output,
            Faults.ThrowsInConstructor.class,
            Faults.ThrowsInSetup.class,
            Faults.ThrowsInStep.class,
            Faults.ThrowsInSaveCheckpoint.class,
            Faults.ThrowsInLoadCheckpoint.class,
            Faults.ThrowsInResetConfig.class,
            Faults.ThrowsInCleanup.class,
            Faults.ReturnsNull.class,
            Faults.UnserialisableMetric.class,
            Faults.ThrowsOutOfMemory.class,
            CorrectModelTest.class);
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(
            "ThrowsInConstructor",
            ALL,
            "ThrowsInConstructor.<init>() threw java.lang.IllegalStateException: constructor exploded"),
        Arguments.of(
            "ThrowsInSetup",
            ALL,
            "ThrowsInSetup.setup() threw java.lang.IllegalArgumentException: setup exploded"),
        Arguments.of(
            "ThrowsInStep",
            ALL,
            "ThrowsInStep.step() threw java.lang.ArithmeticException: step exploded (iteration 3)"),
        Arguments.of(
            "ThrowsInSaveCheckpoint",
            List.of("save-restore", "checkpoint-roundtrip"),
            "ThrowsInSaveCheckpoint.saveCheckpoint() threw java.lang.IllegalStateException: saveCheckpoint exploded"),
        Arguments.of(
            "ThrowsInLoadCheckpoint",
            List.of("save-restore", "checkpoint-roundtrip"),
            "ThrowsInLoadCheckpoint.loadCheckpoint() threw java.lang.IllegalStateException: loadCheckpoint exploded"),
        Arguments.of(
            "ThrowsInResetConfig",
            List.of("reset-config"),
            "ThrowsInResetConfig.resetConfig() threw java.lang.IllegalStateException: resetConfig exploded"),
        Arguments.of("ThrowsInCleanup", List.of("lifecycle"), "stop() failed"),
        Arguments.of("ReturnsNull", ALL, "ReturnsNull.step() returned null at iteration 2"),
        Arguments.of(
            "UnserialisableMetric",
            List.of("lifecycle"),
            "metric elapsed (a java.time.Duration) cannot be logged"),
        Arguments.of(
            "ThrowsOutOfMemory",
            ALL,
            "ThrowsOutOfMemory.step() threw java.lang.OutOfMemoryError: simulated: Java heap space"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void aFaultFailsExactlyTheChecksThatExerciseTheHookAndNamesIt(
      String fixture, List<String> failing, String message) {
    for (String check : CHECKS) {
      String key = "Faults$" + fixture + "#" + check;
      if (failing.contains(check)) {
        assertThat(outcomes.status(key)).as(key).isEqualTo("FAILED");
        assertThat(outcomes.message(key)).as(key).contains(message);
      } else {
        assertThat(outcomes.status(key))
            .as(key + ": " + outcomes.message(key))
            .isEqualTo("SUCCESSFUL");
      }
    }
  }

  @Test
  void theCauseIsKeptNotJustItsMessage() {
    Throwable t = outcomes.throwable("Faults$ThrowsInResetConfig#reset-config").orElseThrow();
    assertThat(t).isInstanceOf(HookException.class);
    assertThat(((HookException) t).hook()).isEqualTo("resetConfig");
    assertThat(t.getCause())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("resetConfig exploded");
    Throwable cleanup = outcomes.throwable("Faults$ThrowsInCleanup#lifecycle").orElseThrow();
    assertThat(cleanup)
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("cleanup exploded");
  }

  @Test
  void aSystemExitInATrainablesOwnJvmIsContainedAndReported() {
    Outcomes own =
        new Outcomes(
            EngineTestKitSupport.engine(output.resolve("exit"))
                .configurationParameter("trainunit.fresh-jvm.enabled", "true")
                .selectors(
                    DiscoverySelectors.selectMethod(
                        ExitsInItsOwnJvm.class.getName(), "fresh-jvm-restore"))
                .execute());
    assertThat(own.status("ExitsInItsOwnJvm#fresh-jvm-restore")).isEqualTo("FAILED");
    assertThat(own.message("ExitsInItsOwnJvm#fresh-jvm-restore"))
        .contains("the new JVM exited with code 3");
  }

  @Test
  void theReportIsWrittenEvenWithAMetricJsonCannotHold() throws Exception {
    Path summary = output.resolve("report").resolve("trainunit-summary.json");
    assertThat(summary).isRegularFile();
    assertThat(Files.readString(summary)).contains("\"elapsed\" : \"PT0.003S\"");
  }

  @Test
  void theCorrectTrainableBesideThemStillPasses() {
    for (String check : CHECKS) {
      assertThat(outcomes.status("CorrectModelTest#" + check)).as(check).isEqualTo("SUCCESSFUL");
    }
  }
}

package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegressionGateTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int gate(String current, String... options) {
    String[] args = new String[2 + options.length];
    args[0] = GateFixtures.file("baseline.json").toString();
    args[1] = current.contains("/") ? current : GateFixtures.file(current).toString();
    System.arraycopy(options, 0, args, 2, options.length);
    return RegressionGate.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void failsWithExitCodeOneOnARegressionAndPrintsTheTable() {
    assertThat(gate("regressed.json", "--threshold", "10%")).isEqualTo(1);

    assertThat(output())
        .contains("benchmark", "old", "new", "ratio", "verdict")
        .containsPattern(
            "OverheadBenchmark.train \\[loggers=none\\] +avgt +ns/op +100.0 ± 5.000 +130.0 ± 5.000 +1.300 +\\+30.0% slower +REGRESSED")
        .containsPattern(
            "QueueBenchmark.offerPoll +thrpt +ops/ms .* 0.800 +\\+25.0% slower +REGRESSED")
        .contains("2 regressed")
        .contains("FAILED");
  }

  @Test
  void passesOnImprovementsAndOnNoise() {
    assertThat(gate("improved.json")).isEqualTo(0);
    assertThat(output()).contains("-30.0% faster", "improved", "PASSED");

    assertThat(gate("noisy-unchanged.json", "--threshold=0.10")).isEqualTo(0);
    assertThat(output()).contains("within noise");
  }

  @Test
  void aHigherThresholdLetsTheSameSlowdownPass() {
    assertThat(gate("regressed.json", "--threshold", "40%")).isEqualTo(0);
  }

  @Test
  void reportsAMissingBenchmarkWithoutFailingUnlessAsked() {
    assertThat(gate("missing.json")).isEqualTo(0);
    assertThat(output())
        .contains("MISSING in current", "1 missing from the current run (not gated)", "new");

    assertThat(gate("missing.json", "--fail-on-missing")).isEqualTo(1);
  }

  @Test
  void wrongArgumentsAndUnreadableFilesExitWithTwo() {
    assertThat(gate("regressed.json", "--threshold", "ten")).isEqualTo(2);
    assertThat(gate("regressed.json", "--bogus")).isEqualTo(2);
    assertThat(gate("/nonexistent/current.json")).isEqualTo(2);
    assertThat(RegressionGate.run(new String[0], new PrintStream(out), new PrintStream(err)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: RegressionGate");
  }

  @Test
  void thresholdsAreReadAsPercentagesOrFractions() {
    assertThat(GateArguments.parseThreshold("10%")).isEqualTo(0.10);
    assertThat(GateArguments.parseThreshold("0.25")).isEqualTo(0.25);
    assertThatThrownBy(() -> GateArguments.parseThreshold("-5%"))
        .hasMessageContaining("zero or more");
  }
}

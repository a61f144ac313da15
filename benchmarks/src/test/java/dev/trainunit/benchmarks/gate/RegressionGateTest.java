package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files mode end to end: arguments, table, exit code and verdict file. */
class RegressionGateTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static final JmhLauncher NO_JMH =
      (command, log) -> {
        throw new AssertionError("the files mode runs no JMH: " + command);
      };

  private int gate(String... args) {
    out.reset();
    err.reset();
    return RegressionGate.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        NO_JMH);
  }

  private static String file(String scenario, String side) {
    return GateFixtures.recorded(scenario, side).toString();
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRegressionExitsWithOnePrintsTheTableAndWritesTheVerdict(@TempDir Path dir)
      throws IOException {
    Path verdict = dir.resolve("out/verdict.json");

    int exit =
        gate(
            file("regression", "baseline"),
            file("regression", "candidate"),
            "--verdict",
            verdict.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(output())
        .contains("Mann-Whitney U, one-sided, p < 0.01", "at least 5%", "per-fork samples")
        .containsPattern(
            "StepLatencyBenchmark.step \\[config=\\{}, loggers=none,"
                + " trainable=gatedemo.StepUnderTest] +sample +p50 +us/op +5/5 +0.270 +0.391"
                + " +\\+44.8% slower +0.004 +REGRESSED")
        .containsPattern("sample +alloc +B/op +5/5 +179.4 +227.9 +\\+27.1% more +0.004 +REGRESSED")
        .containsPattern("sample +mean +us/op +5/5 .* within noise")
        .contains("1 compared: 1 regressed", "FAILED: performance regression gate (exit 1)");

    JsonNode json = JmhResultReader.MAPPER.readTree(verdict.toFile());
    assertThat(json.get("result").asText()).isEqualTo("REGRESSION");
    assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    assertThat(json.get("mode").asText()).isEqualTo("files");
    assertThat(json.get("policy").get("alpha").asDouble()).isEqualTo(0.01);
    assertThat(json.get("policy").get("threshold").asDouble()).isEqualTo(0.05);
    assertThat(json.get("policy").get("samples").asText()).isEqualTo("fork");
    JsonNode benchmark = json.get("benchmarks").get(0);
    assertThat(benchmark.get("name").asText()).startsWith("StepLatencyBenchmark.step [");
    assertThat(benchmark.get("params").get("trainable").asText())
        .isEqualTo("gatedemo.StepUnderTest");
    assertThat(benchmark.get("verdict").asText()).isEqualTo("REGRESSED");
    JsonNode p50 = benchmark.get("metrics").get(1);
    assertThat(p50.get("metric").asText()).isEqualTo("p50");
    assertThat(p50.get("better").asText()).isEqualTo("lower");
    assertThat(p50.get("verdict").asText()).isEqualTo("REGRESSED");
    assertThat(p50.get("baseline").get("n").asInt()).isEqualTo(5);
    assertThat(p50.get("baseline").get("samples")).hasSize(5);
    assertThat(p50.get("change").asDouble()).isGreaterThan(0.4);
    assertThat(p50.get("pValue").asDouble()).isLessThan(0.01);
    assertThat(p50.get("exact").asBoolean()).isTrue();
  }

  @Test
  void noiseAndImprovementsPass() {
    assertThat(gate(file("noise", "baseline"), file("noise", "candidate"))).isEqualTo(0);
    assertThat(output()).contains("PASSED: performance regression gate (exit 0)");
    assertThat(errors()).isEmpty();

    assertThat(gate(file("regression", "candidate"), file("regression", "baseline"))).isEqualTo(0);
    assertThat(output()).contains("-30.9% faster", "improved", "PASSED");
  }

  @Test
  void aMeanOnlyGatePassesWhatTheMedianCatches() {
    assertThat(gate(file("median", "baseline"), file("median", "candidate"), "--metrics", "mean"))
        .isEqualTo(0);
    assertThat(gate(file("median", "baseline"), file("median", "candidate"))).isEqualTo(1);
    assertThat(output()).containsPattern("p50 .* REGRESSED");
  }

  @Test
  void aHigherThresholdLetsTheSameSlowdownPass() {
    assertThat(
            gate(
                file("regression", "baseline"), file("regression", "candidate"), "--threshold=50%"))
        .isEqualTo(0);
    assertThat(output()).contains("within noise").doesNotContain("REGRESSED");
  }

  @Test
  void tooFewSamplesExitWithThreeNotZero() {
    String overhead = GateFixtures.file("recorded-overhead.json").toString();

    assertThat(gate(overhead, overhead)).isEqualTo(3);
    assertThat(output())
        .contains("INCONCLUSIVE: performance regression gate (exit 3)")
        .contains(
            "OverheadBenchmark.train [loggers=json] mean, alloc: 1 baseline and 1 candidate"
                + " fork samples; the gate needs at least 3 per side");

    // The same two files judged per iteration (5 per side): identical, so unchanged.
    assertThat(gate(overhead, overhead, "--samples", "iteration")).isEqualTo(0);
  }

  @Test
  void aMissingBenchmarkFailsOnlyWhenAsked() {
    String[] files = {file("noise", "baseline"), file("thrpt", "candidate")};

    assertThat(gate(files)).isEqualTo(3);
    assertThat(output()).contains("MISSING in candidate", "(not gated)", "new");
    assertThat(gate(files[0], files[1], "--fail-on-missing")).isEqualTo(1);
  }

  @Test
  void wrongArgumentsAndUnreadableFilesExitWithTwoAndSayWhatIsWrong() {
    String base = file("noise", "baseline");
    String cand = file("noise", "candidate");

    assertThat(gate(base, cand, "--threshold", "ten")).isEqualTo(2);
    assertThat(errors()).contains("--threshold 'ten' is not a number", "usage: RegressionGate");
    assertThat(gate(base, cand, "--bogus")).isEqualTo(2);
    assertThat(errors()).contains("unknown option --bogus");
    assertThat(gate(base, cand, "--alpha", "2")).isEqualTo(2);
    assertThat(errors()).contains("alpha must be between 0 and 1");
    assertThat(gate(base, cand, "--samples", "run")).isEqualTo(2);
    assertThat(gate(base, cand, "--metrics", "p95")).isEqualTo(2);
    assertThat(errors()).contains("unknown metric 'p95'");
    assertThat(gate(base)).isEqualTo(2);
    assertThat(gate(base, "/nonexistent/candidate.json")).isEqualTo(2);
    assertThat(errors()).contains("/nonexistent/candidate.json");
    assertThat(gate(base, cand, "--rounds", "3")).isEqualTo(2);
    assertThat(errors()).contains("need --baseline-cp and --candidate-cp");
  }
}

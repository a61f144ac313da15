package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interleaved mode with a fake JMH: each run writes, as its result file, the next round of the
 * recorded scenario for its side, so the alternation, the commands and the merging are checked
 * without measuring anything.
 */
class InterleavedRunTest {

  private static final String BASE_CP = "base/classes:benchmarks.jar";
  private static final String CAND_CP = "cand/classes:benchmarks.jar";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Replays recorded rounds: the k-th run from a class path gets that side's k-th result. */
  private static final class ReplayingJmh implements JmhLauncher {
    final List<List<String>> commands = new ArrayList<>();
    private final ArrayNode baseline;
    private final ArrayNode candidate;
    private int baselineRuns;
    private int candidateRuns;

    ReplayingJmh(String scenario) throws IOException {
      baseline = (ArrayNode) JmhResultReader.readArray(GateFixtures.recorded(scenario, "baseline"));
      candidate =
          (ArrayNode) JmhResultReader.readArray(GateFixtures.recorded(scenario, "candidate"));
    }

    @Override
    public int run(List<String> command, Path log) throws IOException {
      commands.add(command);
      String cp = command.get(command.indexOf("-cp") + 1);
      Path result = Path.of(command.get(command.indexOf("-rff") + 1));
      JsonNode round =
          cp.equals(BASE_CP) ? baseline.get(baselineRuns++) : candidate.get(candidateRuns++);
      Files.writeString(log, "# Run complete.\n");
      JmhResultReader.MAPPER.writeValue(
          result.toFile(), JmhResultReader.MAPPER.createArrayNode().add(round));
      return 0;
    }
  }

  private int gate(JmhLauncher jmh, Path dir, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--baseline-cp",
                BASE_CP,
                "--candidate-cp",
                CAND_CP,
                "--work-dir",
                dir.toString(),
                "--java",
                "/opt/jdk/bin/java",
                "--java-arg",
                "-Xmx256m"));
    args.addAll(List.of(more));
    return RegressionGate.run(
        args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        jmh);
  }

  @Test
  void runsBothSidesAlternatelyMergesOneForkPerRoundAndJudges(@TempDir Path dir)
      throws IOException {
    ReplayingJmh jmh = new ReplayingJmh("regression");

    int exit = gate(jmh, dir, "--", "StepLatency", "-p", "trainable=gatedemo.StepUnderTest");

    assertThat(exit).isEqualTo(1);
    assertThat(jmh.commands)
        .extracting(c -> c.get(c.indexOf("-cp") + 1))
        .containsExactly(
            BASE_CP, CAND_CP, CAND_CP, BASE_CP, BASE_CP, CAND_CP, CAND_CP, BASE_CP, BASE_CP,
            CAND_CP);
    assertThat(jmh.commands.get(0))
        .containsExactly(
            "/opt/jdk/bin/java",
            "-Xmx256m",
            "-cp",
            BASE_CP,
            "org.openjdk.jmh.Main",
            "StepLatency",
            "-p",
            "trainable=gatedemo.StepUnderTest",
            "-foe",
            "true",
            "-f",
            "1",
            "-rf",
            "json",
            "-rff",
            dir.resolve("round-01-baseline.json").toAbsolutePath().toString());
    assertThat(jmh.commands.get(1))
        .endsWith(dir.resolve("round-01-candidate.json").toAbsolutePath().toString());
    assertThat(JmhResultReader.readArray(dir.resolve("baseline.json"))).hasSize(5);
    assertThat(GateFixtures.runs(dir.resolve("candidate.json")).get(0).forks()).hasSize(5);
    assertThat(dir.resolve("round-05-candidate.json")).exists();
    assertThat(dir.resolve("round-05-candidate.log")).exists();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("round 2/5: candidate ... 1 results in")
        .contains("measured in this order: baseline candidate candidate baseline baseline")
        .containsPattern("p50 .* REGRESSED")
        .contains("FAILED");

    JsonNode verdict = JmhResultReader.MAPPER.readTree(dir.resolve("verdict.json").toFile());
    assertThat(verdict.get("mode").asText()).isEqualTo("interleaved");
    assertThat(verdict.get("baseline").asText()).isEqualTo(BASE_CP);
    assertThat(verdict.get("order")).hasSize(10);
    assertThat(verdict.get("result").asText()).isEqualTo("REGRESSION");
  }

  @Test
  void fewerRoundsThanTheTestNeedsAreInconclusive(@TempDir Path dir) throws IOException {
    ReplayingJmh jmh = new ReplayingJmh("noise");

    assertThat(gate(jmh, dir, "--rounds", "2", "--", "StepLatency")).isEqualTo(3);
    assertThat(jmh.commands).hasSize(4);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("INCONCLUSIVE");
  }

  @Test
  void aFailedRunStopsTheGateWithFourAndShowsJmhsOutput(@TempDir Path dir) {
    JmhLauncher crashing =
        (command, log) -> {
          Files.writeString(
              log, "line 1\nERROR: trainable class com.acme.Nope is not on the class path\n");
          return 1;
        };

    assertThat(gate(crashing, dir, "--", "StepLatency")).isEqualTo(4);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("round 1, baseline (--baseline-cp " + BASE_CP + "): JMH exited with code 1")
        .contains(dir.resolve("round-01-baseline.log").toString())
        .contains("com.acme.Nope is not on the class path");
  }

  @Test
  void aRunThatMatchesNoBenchmarkIsAFailureNotAnEmptyPass(@TempDir Path dir) {
    JmhLauncher empty =
        (command, log) -> {
          Path result = Path.of(command.get(command.size() - 1));
          Files.writeString(result, "[]");
          Files.writeString(log, "No matching benchmarks.\n");
          return 0;
        };
    JmhLauncher silent = (command, log) -> 0;

    assertThat(gate(empty, dir, "--", "Nothing")).isEqualTo(4);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no benchmark ran (does the pattern Nothing match");
    assertThat(gate(silent, dir, "--", "Nothing")).isEqualTo(4);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("JMH wrote no result file");
  }

  @Test
  void optionsTheGateSetsItselfAreRefused(@TempDir Path dir) throws IOException {
    ReplayingJmh jmh = new ReplayingJmh("noise");

    assertThat(gate(jmh, dir, "--", "StepLatency", "-f", "3")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("JMH option -f is set by the gate");
    assertThat(gate(jmh, dir, "--", "StepLatency", "-rff", "x.json")).isEqualTo(2);
    assertThat(gate(jmh, dir)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("give the benchmark to run after --");
    assertThat(jmh.commands).isEmpty();
  }
}

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

/**
 * The interleaved mode for real, as small as it goes: two rounds of one benchmark with no warm-up
 * and one 100 ms iteration, both sides from this module's own class path. Two forks per side are
 * too few to judge, so the gate must say inconclusive (exit 3); what this proves is that the
 * commands run JMH and that the rounds come back merged. 10 to 20 s on a busy 2-core machine.
 */
class InterleavedSmokeTest {

  @Test
  void twoRealRoundsRunMergeAndAreJudgedInconclusive(@TempDir Path dir) throws IOException {
    String classPath = System.getProperty("java.class.path");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        RegressionGate.run(
            new String[] {
              "--baseline-cp",
              classPath,
              "--candidate-cp",
              classPath,
              "--rounds",
              "2",
              "--work-dir",
              dir.toString(),
              // Another JMH run on the machine must not stop this one; it measures nothing.
              "--java-arg",
              "-Djmh.ignoreLock=true",
              "--java-arg",
              "-Xmx256m",
              "--",
              "OverheadBenchmark.bareStep",
              "-p",
              "loggers=none",
              "-wi",
              "0",
              "-i",
              "1",
              "-r",
              "100ms",
              "-jvmArgs",
              "-Xmx256m"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ProcessJmhLauncher());

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(exit).isEqualTo(3);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("round 2/2: baseline ... 1 results")
        .containsPattern("OverheadBenchmark.bareStep \\[loggers=none] +avgt +mean +ns/op +2/2")
        .contains("INCONCLUSIVE");
    assertThat(GateFixtures.runs(dir.resolve("baseline.json")).get(0).forks()).hasSize(2);
    assertThat(GateFixtures.runs(dir.resolve("candidate.json")).get(0).forks()).hasSize(2);
    JsonNode verdict = JmhResultReader.MAPPER.readTree(dir.resolve("verdict.json").toFile());
    assertThat(verdict.get("result").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(verdict.get("exitCode").asInt()).isEqualTo(3);
  }
}

package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultReaderTest {

  private final JmhResultReader reader = new JmhResultReader();

  @Test
  void sampleModeGivesEachForkItsIterationHistogramsAndBytesPerOperation() throws IOException {
    List<BenchmarkRun> runs = reader.read(GateFixtures.recorded("regression", "baseline"));

    assertThat(runs).hasSize(1);
    BenchmarkRun run = runs.get(0);
    assertThat(run.key().benchmark())
        .isEqualTo("dev.trainunit.benchmarks.StepLatencyBenchmark.step");
    assertThat(run.key().mode()).isEqualTo("sample");
    assertThat(run.key().params())
        .containsEntry("trainable", "gatedemo.StepUnderTest")
        .containsEntry("loggers", "none");
    assertThat(run.unit()).isEqualTo("us/op");
    assertThat(run.allocUnit()).isEqualTo("B/op");
    assertThat(run.settings()).contains("measurementIterations 3", "measurementTime 200 ms");
    // Five rounds, one fork each, merged: five forks of three iterations.
    assertThat(run.forks()).hasSize(5);
    assertThat(run.hasHistograms()).isTrue();
    assertThat(run.hasAlloc()).isTrue();
    for (ForkSamples fork : run.forks()) {
      assertThat(fork.histograms()).hasSize(3);
      assertThat(fork.allocBytes()).hasSize(3);
      for (double bytes : fork.allocBytes()) assertThat(bytes).isBetween(150.0, 250.0);
      for (int i = 0; i < 3; i++) {
        Histogram h = fork.histograms().get(i);
        assertThat(h.count()).isGreaterThan(1000);
        assertThat(fork.scores()[i]).isEqualTo(h.mean());
      }
    }
  }

  @Test
  void throughputModeGivesEachForkItsIterationScores() throws IOException {
    BenchmarkRun run = reader.read(GateFixtures.recorded("thrpt", "candidate")).get(0);

    assertThat(run.key().mode()).isEqualTo("thrpt");
    assertThat(run.unit()).isEqualTo("ops/us");
    assertThat(run.hasHistograms()).isFalse();
    assertThat(run.forks())
        .hasSize(5)
        .allSatisfy(
            f -> {
              assertThat(f.scores()).hasSize(3);
              for (double score : f.scores()) assertThat(score).isPositive();
              assertThat(f.allocBytes()).hasSize(3);
            });
  }

  @Test
  void readsAFileJmhWroteDirectlyWithProfilerOutput() throws IOException {
    List<BenchmarkRun> runs = reader.read(GateFixtures.file("recorded-overhead.json"));

    assertThat(runs)
        .extracting(r -> r.key().displayName())
        .containsExactly(
            "OverheadBenchmark.bareStep [loggers=none]",
            "OverheadBenchmark.bareStep [loggers=json]",
            "OverheadBenchmark.train [loggers=none]",
            "OverheadBenchmark.train [loggers=json]");
    assertThat(runs)
        .allSatisfy(
            r -> {
              assertThat(r.unit()).isEqualTo("ns/op");
              assertThat(r.forks())
                  .singleElement()
                  .satisfies(f -> assertThat(f.scores()).hasSize(5));
              assertThat(r.hasAlloc()).isTrue();
            });
  }

  @Test
  void readsTheAllocationMetricUnderTheNameOlderJmhVersionsGaveIt(@TempDir Path dir)
      throws IOException {
    String recorded =
        Files.readString(GateFixtures.file("recorded-overhead.json"), StandardCharsets.UTF_8);
    Path legacy =
        Files.writeString(
            dir.resolve("legacy.json"),
            recorded.replace("\"gc.alloc.rate.norm\"", "\"\u00b7gc.alloc.rate.norm\""));

    assertThat(reader.read(legacy)).allSatisfy(r -> assertThat(r.hasAlloc()).isTrue());
  }

  @Test
  void repeatedRunsOfOneCommandMergeButDifferentSettingsAreRefused(@TempDir Path dir)
      throws IOException {
    ArrayNode entries =
        (ArrayNode) JmhResultReader.readArray(GateFixtures.recorded("thrpt", "baseline"));
    assertThat(entries).hasSize(5);
    ((ObjectNode) entries.get(3)).put("measurementIterations", 7);
    Path mixed = dir.resolve("mixed.json");
    JmhResultReader.MAPPER.writeValue(mixed.toFile(), entries);

    assertThatThrownBy(() -> reader.read(mixed))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("mixed.json")
        .hasMessageContaining("StepLatencyBenchmark.step")
        .hasMessageContaining("measurementIterations 3")
        .hasMessageContaining("measurementIterations 7");
  }

  @Test
  void refusesAFileThatIsNotAJmhJsonResult(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("result.txt"), "Benchmark  Mode  Cnt  Score\n");
    Path object = Files.writeString(dir.resolve("object.json"), "{\"benchmark\": \"x\"}");
    Path noScore =
        Files.writeString(
            dir.resolve("noscore.json"), "[{\"benchmark\": \"x\", \"mode\": \"avgt\"}]");

    assertThatThrownBy(() -> reader.read(text))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("result.txt")
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> reader.read(object))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("-rf json");
    assertThatThrownBy(() -> reader.read(noScore))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("noscore.json: result 0 (x) has no primaryMetric");
  }

  @Test
  void displayNamesDropThePackageAndListTheParameters() {
    assertThat(BenchmarkKey.of("a.b.C.m", "avgt", Map.of("z", "1", "a", "2")).displayName())
        .isEqualTo("C.m [a=2, z=1]");
    assertThat(BenchmarkKey.of("a.b.C.m", "avgt", Map.of()).displayName()).isEqualTo("C.m");
  }
}

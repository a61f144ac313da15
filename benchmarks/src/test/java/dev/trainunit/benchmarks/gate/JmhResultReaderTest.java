package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultReaderTest {

  private final JmhResultReader reader = new JmhResultReader();

  @Test
  void readsNameModeParamsScoreConfidenceAndUnit() throws IOException {
    List<BenchmarkScore> scores = reader.read(GateFixtures.file("baseline.json"));

    assertThat(scores).hasSize(5);
    BenchmarkScore checkpoint = scores.get(2);
    assertThat(checkpoint.key().benchmark())
        .isEqualTo("dev.trainunit.benchmarks.CheckpointBenchmark.saveRestore");
    assertThat(checkpoint.key().mode()).isEqualTo("avgt");
    assertThat(checkpoint.key().params())
        .containsExactly(Map.entry("size", "1024"), Map.entry("verifyChecksums", "true"));
    assertThat(checkpoint.score()).isEqualTo(80.0);
    assertThat(checkpoint.confidenceLow()).isEqualTo(76.0);
    assertThat(checkpoint.confidenceHigh()).isEqualTo(84.0);
    assertThat(checkpoint.unit()).isEqualTo("us/op");
    assertThat(scores.get(4).key().params()).isEmpty();
  }

  @Test
  void readsAFileJmhWroteWithProfilerOutput() throws IOException {
    List<BenchmarkScore> scores = reader.read(GateFixtures.file("recorded-overhead.json"));

    assertThat(scores)
        .extracting(s -> s.key().displayName())
        .containsExactly(
            "OverheadBenchmark.bareStep [loggers=none]",
                "OverheadBenchmark.bareStep [loggers=json]",
            "OverheadBenchmark.train [loggers=none]", "OverheadBenchmark.train [loggers=json]");
    assertThat(scores)
        .allSatisfy(
            s -> {
              assertThat(s.unit()).isEqualTo("ns/op");
              assertThat(s.hasConfidence()).isTrue();
              assertThat(s.low()).isLessThanOrEqualTo(s.score()).isGreaterThan(0);
            });
  }

  @Test
  void aSingleIterationHasNoConfidenceIntervalAndCountsAsThePointScore() throws IOException {
    BenchmarkScore first = reader.read(GateFixtures.file("single-iteration.json")).get(0);

    assertThat(first.hasConfidence()).isFalse();
    assertThat(first.low()).isEqualTo(130.0);
    assertThat(first.high()).isEqualTo(130.0);
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
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> reader.read(object))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("-rf json");
    assertThatThrownBy(() -> reader.read(noScore))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("primaryMetric");
  }
}

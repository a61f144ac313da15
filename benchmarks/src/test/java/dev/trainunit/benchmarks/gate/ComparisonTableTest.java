package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

  @Test
  void changeReadsAsTimeWhateverTheMode() {
    assertThat(ComparisonTable.change(1.25)).isEqualTo("+25.0% slower");
    assertThat(ComparisonTable.change(0.8)).isEqualTo("-20.0% faster");
    assertThat(ComparisonTable.change(1.0)).isEqualTo("0.0%");
    assertThat(ComparisonTable.change(Double.NaN)).isEqualTo("-");
  }

  @Test
  void scoresShowHalfTheConfidenceIntervalAsJmhDoes() {
    BenchmarkKey key = BenchmarkKey.of("a.B.c", "avgt", Map.of());
    assertThat(ComparisonTable.score(new BenchmarkScore(key, 101.434, 75.99, 126.878, "ns/op")))
        .isEqualTo("101.4 ± 25.444");
    assertThat(
            ComparisonTable.score(new BenchmarkScore(key, 4231.9, Double.NaN, Double.NaN, "ns/op")))
        .isEqualTo("4232 (no CI)");
    assertThat(ComparisonTable.score(null)).isEqualTo("-");
  }
}

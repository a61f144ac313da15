package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void percentilesAreNearestRank() {
    Histogram h = Histogram.of(new double[] {4, 1, 3, 2}, new long[] {1, 1, 1, 1});

    assertThat(h.percentile(50)).isEqualTo(2);
    assertThat(h.percentile(99)).isEqualTo(4);
    assertThat(h.percentile(100)).isEqualTo(4);
    assertThat(h.percentile(25)).isEqualTo(1);
    assertThat(h.mean()).isEqualTo(2.5);
  }

  @Test
  void countsWeighValuesAndMergingAddsThemUp() {
    Histogram fast = Histogram.of(new double[] {0.25, 0.26}, new long[] {90, 8});
    Histogram slow = Histogram.of(new double[] {0.26, 15.0}, new long[] {1, 1});

    Histogram merged = Histogram.merge(List.of(fast, slow));

    assertThat(merged.values()).containsExactly(0.25, 0.26, 15.0);
    assertThat(merged.counts()).containsExactly(90, 9, 1);
    assertThat(merged.percentile(50)).isEqualTo(0.25);
    assertThat(merged.percentile(99)).isEqualTo(0.26);
    assertThat(merged.mean()).isEqualTo((90 * 0.25 + 9 * 0.26 + 15.0) / 100);
  }

  @Test
  void anEmptyHistogramHasNoPercentileAndABadOneIsRefused() {
    assertThat(Histogram.of(new double[0], new long[0]).percentile(50)).isNaN();
    assertThatThrownBy(() -> new Histogram(new double[] {2, 1}, new long[] {1, 1}))
        .hasMessageContaining("not ascending");
    assertThatThrownBy(() -> Histogram.of(new double[] {1}, new long[] {1}).percentile(0))
        .hasMessageContaining("(0, 100]");
  }
}

package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

  @Test
  void aCompleteSeparationOfFiveAgainstFiveHasTheSmallestPossibleP() {
    MannWhitney.Result r =
        MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});

    assertThat(r.exact()).isTrue();
    assertThat(r.u()).isEqualTo(25);
    assertThat(r.pGreater()).isCloseTo(1.0 / 252, within(1e-15));
    assertThat(r.pLess()).isEqualTo(1.0);
    assertThat(MannWhitney.smallestPossibleP(5, 5)).isCloseTo(1.0 / 252, within(1e-15));
    assertThat(MannWhitney.smallestPossibleP(4, 4)).isCloseTo(1.0 / 70, within(1e-15));
  }

  @Test
  void exactPValuesWithoutTiesMatchScipy() {
    // scipy 1.17.1: mannwhitneyu(candidate, baseline, alternative='greater'|'less', method='exact')
    MannWhitney.Result r =
        MannWhitney.test(
            new double[] {1.1, 2.3, 0.7, 3.1, 1.9, 2.8}, new double[] {2.5, 3.3, 4.0, 2.9, 3.6});

    assertThat(r.u()).isEqualTo(27);
    assertThat(r.pGreater()).isCloseTo(0.015151515151515152, within(1e-12));
    assertThat(r.pLess()).isCloseTo(0.9913419913419913, within(1e-12));
  }

  @Test
  void exactPValuesWithTiesCountEveryWayOfSplittingThePooledValues() {
    double[] baseline = {1, 2, 2, 3};
    double[] candidate = {2, 3, 3, 4, 4};

    MannWhitney.Result r = MannWhitney.test(baseline, candidate);

    assertThat(r.exact()).isTrue();
    assertThat(r.u()).isEqualTo(17);
    double[] bruteForce = enumerate(baseline, candidate);
    assertThat(r.pGreater()).isCloseTo(bruteForce[0], within(1e-12));
    assertThat(r.pLess()).isCloseTo(bruteForce[1], within(1e-12));
  }

  @Test
  void largeSamplesUseTheTieCorrectedNormalApproximationAsScipyDoes() {
    double[] baseline = new double[35];
    double[] candidate = new double[40];
    for (int i = 0; i < baseline.length; i++) baseline[i] = i % 7;
    for (int i = 0; i < candidate.length; i++) candidate[i] = (i * 3) % 8;

    MannWhitney.Result r = MannWhitney.test(baseline, candidate);

    // scipy 1.17.1: mannwhitneyu(candidate, baseline, method='asymptotic', use_continuity=True)
    assertThat(r.exact()).isFalse();
    assertThat(r.u()).isEqualTo(787.5);
    assertThat(r.pGreater()).isCloseTo(0.17573300828086258, within(1e-9));
    assertThat(r.pLess()).isCloseTo(0.8270212121888254, within(1e-9));
  }

  @Test
  void identicalValuesOnBothSidesAreNoEvidenceEitherWay() {
    double[] same = {160, 160, 160, 160, 160};

    assertThat(MannWhitney.test(same, same).pGreater()).isEqualTo(1.0);
    assertThat(MannWhitney.test(same, same).pLess()).isEqualTo(1.0);
    double[] many = new double[40];
    Arrays.fill(many, 3.0);
    assertThat(MannWhitney.test(many, many).pGreater()).isEqualTo(1.0);
  }

  @Test
  void refusesAnEmptySideAndNaN() {
    assertThatThrownBy(() -> MannWhitney.test(new double[0], new double[] {1}))
        .hasMessageContaining("both sides");
    assertThatThrownBy(() -> MannWhitney.test(new double[] {1}, new double[] {Double.NaN}))
        .hasMessageContaining("NaN among the candidate");
  }

  /**
   * {P(U ≥ observed), P(U ≤ observed)} over every choice of which pooled values are the
   * candidate's.
   */
  private static double[] enumerate(double[] baseline, double[] candidate) {
    double[] pooled = new double[baseline.length + candidate.length];
    System.arraycopy(baseline, 0, pooled, 0, baseline.length);
    System.arraycopy(candidate, 0, pooled, baseline.length, candidate.length);
    double observed = u(baseline, candidate);
    int total = pooled.length;
    int atLeast = 0;
    int atMost = 0;
    int all = 0;
    for (int mask = 0; mask < 1 << total; mask++) {
      if (Integer.bitCount(mask) != candidate.length) continue;
      double[] c = new double[candidate.length];
      double[] b = new double[baseline.length];
      int ci = 0;
      int bi = 0;
      for (int i = 0; i < total; i++) {
        if ((mask & 1 << i) != 0) c[ci++] = pooled[i];
        else b[bi++] = pooled[i];
      }
      double u = u(b, c);
      all++;
      if (u >= observed) atLeast++;
      if (u <= observed) atMost++;
    }
    return new double[] {(double) atLeast / all, (double) atMost / all};
  }

  private static double u(double[] baseline, double[] candidate) {
    double u = 0;
    for (double c : candidate) {
      for (double b : baseline) u += c > b ? 1 : c == b ? 0.5 : 0;
    }
    return u;
  }
}

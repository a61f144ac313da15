package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GatePolicyTest {

  private static final ScoreDirection LOWER = ScoreDirection.LOWER_IS_BETTER;
  private final GatePolicy policy = GatePolicy.DEFAULT;

  private MetricVerdict judge(Metric metric, double[] baseline, double[] candidate) {
    return policy.judge(metric, "us/op", LOWER, baseline, candidate);
  }

  @Test
  void aSignificantChangeBelowTheMinimumEffectIsUnchanged() {
    MetricVerdict v =
        judge(
            Metric.P50,
            new double[] {100, 100.1, 100.2, 100.3, 100.4},
            new double[] {102, 102.1, 102.2, 102.3, 102.4});

    assertThat(v.pValue()).isLessThan(0.01);
    assertThat(v.change()).isCloseTo(0.02, within(1e-3));
    assertThat(v.verdict()).isEqualTo(Verdict.UNCHANGED);
  }

  @Test
  void aLargeChangeThatIsNotSignificantIsWithinNoise() {
    MetricVerdict v =
        judge(Metric.MEAN, new double[] {1, 9, 2, 8, 3}, new double[] {4, 10, 1.5, 9.5, 5});

    assertThat(v.change()).isGreaterThan(0.05);
    assertThat(v.pValue()).isGreaterThan(0.01);
    assertThat(v.verdict()).isEqualTo(Verdict.WITHIN_NOISE);
  }

  @Test
  void bothASignificantTestAndTheMinimumEffectMakeARegression() {
    MetricVerdict v =
        judge(
            Metric.P50,
            new double[] {1.0, 1.01, 0.99, 1.02, 0.98},
            new double[] {1.2, 1.21, 1.19, 1.22, 1.18});

    assertThat(v.verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(v.pValue()).isCloseTo(1.0 / 252, within(1e-12));
    assertThat(v.exact()).isTrue();
    assertThat(v.change()).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void tooFewSamplesAreInconclusiveAndSaySo() {
    MetricVerdict two = judge(Metric.MEAN, new double[] {1, 1.01}, new double[] {2, 2.01});
    MetricVerdict four =
        judge(Metric.MEAN, new double[] {1, 1.01, 1.02, 1.03}, new double[] {2, 2.01, 2.02, 2.03});

    assertThat(two.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(two.note()).contains("2 baseline and 2 candidate fork samples", "at least 3");
    // Four against four can at best give p = 1/70 = 0.014, never below 0.01.
    assertThat(four.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(four.note()).contains("cannot reach p < 0.01", "0.0143", "at least 5");
    assertThat(new GatePolicy(0.05, 0.05, 8, 3, SampleLevel.FORK).tooFew(4, 4)).isNull();
  }

  @Test
  void anAllocationChangeSmallerThanTheByteFloorIsNoRegressionHoweverLargeRelatively() {
    double[] nearZero = {0.01, 0.012, 0.011, 0.009, 0.010};
    double[] stillNearZero = {0.51, 0.52, 0.50, 0.53, 0.49};
    double[] oneObject = {24.01, 24.02, 24.0, 24.03, 23.99};

    assertThat(judge(Metric.ALLOC, nearZero, stillNearZero).verdict()).isEqualTo(Verdict.UNCHANGED);
    assertThat(judge(Metric.ALLOC, nearZero, oneObject).verdict()).isEqualTo(Verdict.REGRESSED);
  }

  @Test
  void forThroughputFewerOperationsAreSlowerAndTheChangeReadsAsTime() {
    MetricVerdict v =
        policy.judge(
            Metric.MEAN,
            "ops/us",
            ScoreDirection.HIGHER_IS_BETTER,
            new double[] {1.0, 1.01, 0.99, 1.02, 0.98},
            new double[] {0.8, 0.81, 0.79, 0.82, 0.78});

    assertThat(v.verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(v.change()).isCloseTo(0.25, within(1e-9));
    assertThat(GatePolicy.change(ScoreDirection.HIGHER_IS_BETTER, 1.0, 1.25))
        .isCloseTo(-0.2, within(1e-9));
  }

  @Test
  void refusesPoliciesThatCannotWork() {
    assertThatThrownBy(() -> new GatePolicy(0, 0.05, 8, 3, SampleLevel.FORK))
        .hasMessageContaining("alpha");
    assertThatThrownBy(() -> new GatePolicy(0.01, -0.05, 8, 3, SampleLevel.FORK))
        .hasMessageContaining("threshold");
    assertThatThrownBy(() -> new GatePolicy(0.01, 0.05, 8, 1, SampleLevel.FORK))
        .hasMessageContaining("at least 2 samples");
  }
}

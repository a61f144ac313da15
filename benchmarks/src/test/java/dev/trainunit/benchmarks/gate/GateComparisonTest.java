package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The statistics on JMH output the interleaved gate recorded, scenario by scenario. */
class GateComparisonTest {

  private final GateComparison comparison =
      new GateComparison(GatePolicy.DEFAULT, EnumSet.allOf(Metric.class));

  private BenchmarkVerdict compare(String scenario) {
    return comparison.compare(
        GateFixtures.run(scenario, "baseline"), GateFixtures.run(scenario, "candidate"));
  }

  /** The scenario with its sides swapped: the candidate measured as the baseline. */
  private BenchmarkVerdict reversed(String scenario) {
    return comparison.compare(
        GateFixtures.run(scenario, "candidate"), GateFixtures.run(scenario, "baseline"));
  }

  private static Map<Metric, MetricVerdict> byMetric(BenchmarkVerdict v) {
    return v.metrics().stream()
        .collect(Collectors.toMap(MetricVerdict::metric, Function.identity()));
  }

  @Test
  void aRealRegressionIsCaughtInTheMedianAndTheBytesAllocated() {
    BenchmarkVerdict v = compare("regression");
    Map<Metric, MetricVerdict> m = byMetric(v);

    assertThat(v.verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(m.get(Metric.P50).verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(m.get(Metric.P50).change()).isGreaterThan(0.3);
    assertThat(m.get(Metric.P50).pValue()).isCloseTo(1.0 / 252, within(1e-12));
    // The candidate allocates a double[4] more per step: 48 bytes.
    assertThat(m.get(Metric.ALLOC).verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(m.get(Metric.ALLOC).difference()).isBetween(40.0, 56.0);
    // The mean, dominated by the tail, did not show it: a mean-only gate passes this candidate.
    assertThat(m.get(Metric.MEAN).verdict()).isEqualTo(Verdict.WITHIN_NOISE);
    assertThat(m.get(Metric.P50).baselineSamples()).hasSize(5);
  }

  @Test
  void noiseIsNotFlagged() {
    BenchmarkVerdict v = compare("noise");

    assertThat(v.metrics()).hasSize(4);
    assertThat(v.metrics())
        .allSatisfy(m -> assertThat(m.verdict()).isIn(Verdict.UNCHANGED, Verdict.WITHIN_NOISE));
    assertThat(v.verdict()).isEqualTo(Verdict.UNCHANGED);
    // The same holds with the sides swapped.
    assertThat(reversed("noise").metrics())
        .noneMatch(m -> m.verdict() == Verdict.REGRESSED || m.verdict() == Verdict.IMPROVED);
  }

  @Test
  void anImprovementIsNotFlagged() {
    BenchmarkVerdict v = reversed("regression");
    Map<Metric, MetricVerdict> m = byMetric(v);

    assertThat(v.verdict()).isEqualTo(Verdict.IMPROVED);
    assertThat(m.get(Metric.P50).verdict()).isEqualTo(Verdict.IMPROVED);
    assertThat(m.get(Metric.ALLOC).verdict()).isEqualTo(Verdict.IMPROVED);
    assertThat(v.metrics()).noneMatch(x -> x.verdict() == Verdict.REGRESSED);
    assertThat(GateResult.of(List.of(v), false)).isEqualTo(GateResult.PASS);
  }

  @Test
  void forAThroughputBenchmarkFewerOperationsPerTimeIsTheRegression() {
    BenchmarkVerdict v = compare("thrpt");
    Map<Metric, MetricVerdict> m = byMetric(v);

    assertThat(v.key().mode()).isEqualTo("thrpt");
    assertThat(m).containsOnlyKeys(Metric.MEAN, Metric.ALLOC);
    MetricVerdict mean = m.get(Metric.MEAN);
    assertThat(mean.unit()).isEqualTo("ops/us");
    assertThat(mean.direction()).isEqualTo(ScoreDirection.HIGHER_IS_BETTER);
    assertThat(mean.candidateMedian()).isLessThan(mean.baselineMedian());
    assertThat(mean.change())
        .isCloseTo(mean.baselineMedian() / mean.candidateMedian() - 1, within(1e-12))
        .isGreaterThan(0.3);
    assertThat(mean.verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(byMetric(reversed("thrpt")).get(Metric.MEAN).verdict()).isEqualTo(Verdict.IMPROVED);
  }

  @Test
  void aRegressionOfTheMedianAloneIsCaught() {
    BenchmarkVerdict v = compare("median");
    Map<Metric, MetricVerdict> m = byMetric(v);

    assertThat(v.verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(m.get(Metric.P50).verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(m.get(Metric.P50).change()).isBetween(0.05, 0.5);
    assertThat(m.get(Metric.MEAN).verdict()).isNotEqualTo(Verdict.REGRESSED);
    assertThat(m.get(Metric.P99).verdict()).isNotEqualTo(Verdict.REGRESSED);
    assertThat(m.get(Metric.ALLOC).verdict()).isEqualTo(Verdict.UNCHANGED);

    BenchmarkVerdict meanOnly =
        new GateComparison(GatePolicy.DEFAULT, EnumSet.of(Metric.MEAN))
            .compare(
                GateFixtures.run("median", "baseline"), GateFixtures.run("median", "candidate"));
    assertThat(meanOnly.verdict()).isNotEqualTo(Verdict.REGRESSED);
  }

  @Test
  void iterationSamplesGiveMoreObservationsFromTheSameForks() {
    GateComparison perIteration =
        new GateComparison(
            GatePolicy.DEFAULT.withLevel(SampleLevel.ITERATION), EnumSet.allOf(Metric.class));

    BenchmarkVerdict v =
        perIteration.compare(
            GateFixtures.run("regression", "baseline"),
            GateFixtures.run("regression", "candidate"));

    assertThat(byMetric(v).get(Metric.P50).baselineSamples()).hasSize(15);
    assertThat(byMetric(v).get(Metric.P50).verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(byMetric(v).get(Metric.P50).exact()).isTrue();
  }

  @Test
  void aSingleForkPerSideIsInconclusiveNotAPass() {
    List<BenchmarkRun> runs = GateFixtures.runs(GateFixtures.file("recorded-overhead.json"));

    List<BenchmarkVerdict> verdicts = comparison.compare(runs, runs);

    assertThat(verdicts).allSatisfy(v -> assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE));
    assertThat(GateResult.of(verdicts, false)).isEqualTo(GateResult.INCONCLUSIVE);
  }

  @Test
  void benchmarksOnOneSideOnlyAreMissingOrNewAndNothingComparedIsInconclusive() {
    List<BenchmarkVerdict> verdicts =
        comparison.compare(
            GateFixtures.runs(GateFixtures.recorded("noise", "baseline")),
            GateFixtures.runs(GateFixtures.recorded("thrpt", "candidate")));

    assertThat(verdicts)
        .extracting(BenchmarkVerdict::verdict)
        .containsExactly(Verdict.MISSING, Verdict.NEW);
    assertThat(GateResult.of(verdicts, false)).isEqualTo(GateResult.INCONCLUSIVE);
    assertThat(GateResult.of(verdicts, true)).isEqualTo(GateResult.REGRESSION);
  }

  @Test
  void aCandidateInAnotherTimeUnitIsConvertedBeforeComparing() {
    BenchmarkRun baseline = GateFixtures.run("median", "baseline");
    BenchmarkRun inNanos = GateFixtures.run("median", "candidate").in("ns/op");
    assertThat(inNanos.unit()).isEqualTo("ns/op");

    Map<Metric, MetricVerdict> m = byMetric(comparison.compare(baseline, inNanos));

    assertThat(m.get(Metric.P50).unit()).isEqualTo("us/op");
    assertThat(m.get(Metric.P50).verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(m.get(Metric.P50).candidateMedian())
        .isCloseTo(byMetric(compare("median")).get(Metric.P50).candidateMedian(), within(1e-9));
  }

  @Test
  void aMetricOnlyOneSideMeasuredIsIncomparable() {
    BenchmarkRun baseline = GateFixtures.run("noise", "baseline");
    BenchmarkRun candidate = GateFixtures.run("noise", "candidate");
    BenchmarkRun withoutProfiler =
        new BenchmarkRun(
            candidate.key(),
            candidate.unit(),
            null,
            candidate.settings(),
            candidate.forks().stream()
                .map(f -> new ForkSamples(f.scores(), f.histograms(), new double[0]))
                .toList());

    MetricVerdict alloc = byMetric(comparison.compare(baseline, withoutProfiler)).get(Metric.ALLOC);

    assertThat(alloc.verdict()).isEqualTo(Verdict.INCOMPARABLE);
    assertThat(alloc.note()).contains("only the baseline has gc.alloc.rate.norm", "-prof gc");
  }
}

package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResultComparisonTest {

  private final ResultComparison comparison = new ResultComparison(0.10);

  private Map<String, Verdict> verdicts(String current) throws IOException {
    return rows(current).stream()
        .collect(Collectors.toMap(r -> r.key().displayName(), ComparisonRow::verdict));
  }

  private List<ComparisonRow> rows(String current) throws IOException {
    JmhResultReader reader = new JmhResultReader();
    return comparison.compare(
        reader.read(GateFixtures.file("baseline.json")), reader.read(GateFixtures.file(current)));
  }

  @Test
  void aSlowerScoreBeyondTheThresholdWithSeparateIntervalsIsARegression() throws IOException {
    Map<String, Verdict> v = verdicts("regressed.json");

    assertThat(v.get("OverheadBenchmark.train [loggers=none]")).isEqualTo(Verdict.REGRESSED);
    assertThat(v.get("OverheadBenchmark.train [loggers=json]")).isEqualTo(Verdict.UNCHANGED);
    assertThat(
            v.get(
                "StepLatencyBenchmark.step [config={}, loggers=none, trainable=dev.trainunit.benchmarks.SampleLogReg]"))
        .isEqualTo(Verdict.UNCHANGED);
  }

  @Test
  void forThroughputFewerOperationsIsSlower() throws IOException {
    ComparisonRow row = rows("regressed.json").get(4);

    assertThat(row.key().mode()).isEqualTo("thrpt");
    assertThat(row.verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(row.ratio()).isCloseTo(0.8, within(1e-9));
    assertThat(row.slowdown()).isCloseTo(1.25, within(1e-9));
  }

  @Test
  void fasterBeyondTheThresholdIsAnImprovementInEitherDirection() throws IOException {
    Map<String, Verdict> v = verdicts("improved.json");

    assertThat(v.get("OverheadBenchmark.train [loggers=none]")).isEqualTo(Verdict.IMPROVED);
    assertThat(v.get("QueueBenchmark.offerPoll")).isEqualTo(Verdict.IMPROVED);
    assertThat(v.values()).doesNotContain(Verdict.REGRESSED);
  }

  @Test
  void aLargeChangeWhoseIntervalsOverlapIsNoiseAndASmallOneIsUnchanged() throws IOException {
    Map<String, Verdict> v = verdicts("noisy-unchanged.json");

    assertThat(v.get("OverheadBenchmark.train [loggers=none]")).isEqualTo(Verdict.WITHIN_NOISE);
    assertThat(v.get("QueueBenchmark.offerPoll")).isEqualTo(Verdict.WITHIN_NOISE);
    assertThat(v.get("OverheadBenchmark.train [loggers=json]")).isEqualTo(Verdict.UNCHANGED);
    assertThat(v.values()).doesNotContain(Verdict.REGRESSED);
  }

  @Test
  void scoresInDifferentTimeUnitsAreConvertedBeforeComparing() throws IOException {
    ComparisonRow checkpoint = rows("noisy-unchanged.json").get(2);

    assertThat(checkpoint.current().unit()).isEqualTo("us/op");
    assertThat(checkpoint.current().score()).isCloseTo(80.5, within(1e-9));
    assertThat(checkpoint.verdict()).isEqualTo(Verdict.UNCHANGED);
  }

  @Test
  void aBenchmarkOnOneSideOnlyIsReportedAsMissingOrNew() throws IOException {
    List<ComparisonRow> rows = rows("missing.json");

    assertThat(rows).hasSize(6);
    assertThat(rows)
        .filteredOn(r -> r.verdict() == Verdict.MISSING)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key().displayName())
                  .isEqualTo("CheckpointBenchmark.saveRestore [size=1024, verifyChecksums=true]");
              assertThat(r.current()).isNull();
            });
    assertThat(rows.get(rows.size() - 1))
        .satisfies(
            r -> {
              assertThat(r.verdict()).isEqualTo(Verdict.NEW);
              assertThat(r.key().displayName())
                  .isEqualTo("CheckpointBenchmark.rawWriteRead [size=1024]");
              assertThat(r.baseline()).isNull();
            });
  }

  @Test
  void withoutConfidenceIntervalsTheThresholdAloneDecides() throws IOException {
    Map<String, Verdict> v = verdicts("single-iteration.json");

    assertThat(v.get("OverheadBenchmark.train [loggers=none]")).isEqualTo(Verdict.REGRESSED);
    assertThat(v.get("OverheadBenchmark.train [loggers=json]")).isEqualTo(Verdict.UNCHANGED);
  }

  @Test
  void unitsOfDifferentKindsAreIncomparable() {
    BenchmarkKey key = BenchmarkKey.of("a.B.c", "avgt", Map.of());
    ComparisonRow row =
        comparison.compare(
            new BenchmarkScore(key, 10, 9, 11, "us/op"),
            new BenchmarkScore(key, 10, 9, 11, "ops/us"));

    assertThat(row.verdict()).isEqualTo(Verdict.INCOMPARABLE);
  }

  @Test
  void theSameBenchmarkTwiceInOneFileIsRefused() {
    BenchmarkScore s =
        new BenchmarkScore(BenchmarkKey.of("a.B.c", "avgt", Map.of("n", "1")), 10, 9, 11, "us/op");

    assertThatThrownBy(() -> comparison.compare(List.of(s, s), List.of(s)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("B.c [n=1]")
        .hasMessageContaining("twice");
  }
}

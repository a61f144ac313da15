package dev.trainunit.benchmarks.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

  @Test
  void changeReadsAsTimeOrBytes() {
    assertThat(ComparisonTable.change(0.25, false)).isEqualTo("+25.0% slower");
    assertThat(ComparisonTable.change(-0.2, false)).isEqualTo("-20.0% faster");
    assertThat(ComparisonTable.change(0.271, true)).isEqualTo("+27.1% more");
    assertThat(ComparisonTable.change(-0.1, true)).isEqualTo("-10.0% less");
    assertThat(ComparisonTable.change(0.0001, false)).isEqualTo("0.0%");
    assertThat(ComparisonTable.change(Double.POSITIVE_INFINITY, true)).isEqualTo("+inf");
    assertThat(ComparisonTable.change(Double.NaN, false)).isEqualTo("-");
  }

  @Test
  void numbersKeepThreeSignificantDigitsOrMore() {
    assertThat(ComparisonTable.number(0.2705)).isEqualTo("0.271");
    assertThat(ComparisonTable.number(14.72)).isEqualTo("14.720");
    assertThat(ComparisonTable.number(179.42)).isEqualTo("179.4");
    assertThat(ComparisonTable.number(4231.9)).isEqualTo("4232");
  }

  @Test
  void everyLineNamesItsBenchmarkAndTheColumnsAlign() {
    BenchmarkVerdict v =
        new GateComparison(GatePolicy.DEFAULT, EnumSet.allOf(Metric.class))
            .compare(GateFixtures.run("thrpt", "baseline"), GateFixtures.run("thrpt", "candidate"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    new ComparisonTable().print(List.of(v), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("benchmark ").endsWith("verdict");
    assertThat(lines.subList(1, 3))
        .allSatisfy(
            l -> assertThat(l).startsWith("StepLatencyBenchmark.step [").endsWith("REGRESSED"));
    int verdictColumn = lines.get(0).indexOf("verdict");
    assertThat(lines.get(1).indexOf("REGRESSED")).isEqualTo(verdictColumn);
    assertThat(lines.get(1)).contains(" thrpt ", " mean ", " ops/us ", " 5/5 ", "% slower");
  }
}

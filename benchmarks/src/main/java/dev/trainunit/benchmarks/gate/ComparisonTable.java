package dev.trainunit.benchmarks.gate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the verdicts as an aligned plain-text table for a CI log: one line per metric of each
 * benchmark, the benchmark named on every line so that a line can be searched for on its own.
 */
final class ComparisonTable {

  private static final String[] HEADER = {
    "benchmark", "mode", "metric", "unit", "n", "baseline", "candidate", "change", "p", "verdict"
  };

  /** Columns aligned to the right: the numbers. */
  private static final int FIRST_NUMERIC = 4;

  private static final int LAST_NUMERIC = 8;

  void print(List<BenchmarkVerdict> verdicts, PrintStream out) {
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADER);
    for (BenchmarkVerdict b : verdicts) {
      if (b.metrics().isEmpty()) {
        lines.add(
            new String[] {
              b.key().displayName(),
              b.key().mode(),
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              "-",
              b.verdict().label()
            });
      }
      for (MetricVerdict m : b.metrics()) lines.add(cells(b, m));
    }
    int[] widths = new int[HEADER.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) widths[i] = Math.max(widths[i], line[i].length());
    }
    for (String[] line : lines) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        sb.append(pad(line[i], widths[i], i >= FIRST_NUMERIC && i <= LAST_NUMERIC));
        if (i < line.length - 1) sb.append("  ");
      }
      out.println(sb.toString().stripTrailing());
    }
    for (BenchmarkVerdict b : verdicts) printNotes(b, out);
  }

  /** Why metrics were not judged, once per distinct reason: "mean, p50: 2 baseline and ...". */
  private static void printNotes(BenchmarkVerdict b, PrintStream out) {
    Map<String, List<String>> metricsByNote = new LinkedHashMap<>();
    for (MetricVerdict m : b.metrics()) {
      if (m.note() != null) {
        metricsByNote.computeIfAbsent(m.note(), n -> new ArrayList<>()).add(m.metric().label());
      }
    }
    metricsByNote.forEach(
        (note, metrics) ->
            out.println(
                "  " + b.key().displayName() + " " + String.join(", ", metrics) + ": " + note));
  }

  private static String[] cells(BenchmarkVerdict b, MetricVerdict m) {
    boolean compared = m.verdict() != Verdict.INCOMPARABLE;
    return new String[] {
      b.key().displayName(),
      b.key().mode(),
      m.metric().label(),
      m.unit() == null ? "-" : m.unit(),
      compared ? m.baselineSamples().length + "/" + m.candidateSamples().length : "-",
      compared ? number(m.baselineMedian()) : "-",
      compared ? number(m.candidateMedian()) : "-",
      compared ? change(m.change(), m.metric() == Metric.ALLOC) : "-",
      p(m),
      m.verdict().label(),
    };
  }

  /**
   * A change of 0.25 reads "+25.0% slower" (or "more" for bytes), -0.2 reads "-20.0% faster": for
   * throughput too, since the change is expressed as time.
   */
  static String change(double change, boolean bytes) {
    if (Double.isNaN(change)) return "-";
    if (Double.isInfinite(change)) return change > 0 ? "+inf" : "-inf";
    double percent = change * 100;
    if (Math.abs(percent) < 0.05) return "0.0%";
    String worse = bytes ? " more" : " slower";
    String better = bytes ? " less" : " faster";
    return format("%+.1f%%", percent) + (percent > 0 ? worse : better);
  }

  /** The p-value; "~" marks one from the normal approximation. */
  static String p(MetricVerdict m) {
    double p = m.pValue();
    if (Double.isNaN(p)) return "-";
    String text = p >= 0.001 ? format("%.3f", p) : format("%.1e", p);
    return m.exact() ? text : "~" + text;
  }

  static String number(double v) {
    if (Double.isNaN(v)) return "NaN";
    double abs = Math.abs(v);
    if (abs >= 1000 || abs == 0) return format("%.0f", v);
    if (abs >= 100) return format("%.1f", v);
    if (abs >= 1) return format("%.3f", v);
    return format("%.3g", v);
  }

  private static String format(String pattern, double v) {
    return String.format(Locale.ROOT, pattern, v);
  }

  private static String pad(String s, int width, boolean right) {
    if (s.length() >= width) return s;
    String spaces = " ".repeat(width - s.length());
    return right ? spaces + s : s + spaces;
  }
}

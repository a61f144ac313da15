package dev.trainunit.benchmarks.gate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints comparison rows as an aligned plain-text table, one benchmark per line. */
public final class ComparisonTable {

  private static final String[] HEADER = {
    "benchmark", "mode", "unit", "old", "new", "ratio", "change", "verdict"
  };

  public void print(List<ComparisonRow> rows, PrintStream out) {
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADER);
    for (ComparisonRow row : rows) lines.add(cells(row));
    int[] widths = new int[HEADER.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) widths[i] = Math.max(widths[i], line[i].length());
    }
    for (String[] line : lines) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        boolean numeric = i >= 3 && i <= 6;
        String cell = numeric ? pad(line[i], widths[i], true) : pad(line[i], widths[i], false);
        sb.append(cell);
        if (i < line.length - 1) sb.append("  ");
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  private static String[] cells(ComparisonRow row) {
    BenchmarkScore any = row.baseline() != null ? row.baseline() : row.current();
    return new String[] {
      row.key().displayName(),
      row.key().mode(),
      any.unit()
          + (row.baseline() != null
                  && row.current() != null
                  && !row.current().unit().equals(row.baseline().unit())
              ? " vs " + row.current().unit()
              : ""),
      score(row.baseline()),
      score(row.current()),
      Double.isNaN(row.ratio()) ? "-" : format("%.3f", row.ratio()),
      change(row.slowdown()),
      row.verdict().label(),
    };
  }

  /** The score and half the width of its confidence interval, as JMH prints them. */
  static String score(BenchmarkScore s) {
    if (s == null) return "-";
    if (!s.hasConfidence()) return number(s.score()) + " (no CI)";
    return number(s.score()) + " ± " + number((s.confidenceHigh() - s.confidenceLow()) / 2);
  }

  /** A slowdown of 1.25 reads "+25.0% slower", 0.8 reads "-20.0% faster" (as time per op). */
  static String change(double slowdown) {
    if (Double.isNaN(slowdown)) return "-";
    double percent = (slowdown - 1) * 100;
    if (Math.abs(percent) < 0.05) return "0.0%";
    return format("%+.1f%%", percent) + (percent > 0 ? " slower" : " faster");
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

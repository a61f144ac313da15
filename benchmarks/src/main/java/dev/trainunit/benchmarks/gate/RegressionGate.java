package dev.trainunit.benchmarks.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The CI gate: compares a JMH JSON result file with a baseline and exits 1 when a benchmark
 * regressed, that is, when it is slower by at least the threshold and the two confidence intervals
 * do not overlap.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.trainunit.benchmarks.gate.RegressionGate \
 *     baseline.json current.json --threshold 10% [--fail-on-missing]
 * </pre>
 *
 * <p>Exit codes: 0 no regression, 1 regression (or, with {@code --fail-on-missing}, a baseline
 * benchmark missing from the current run), 2 the command line or a file is wrong.
 *
 * <p>A benchmark in the baseline but not in the current run is reported as MISSING and does not
 * fail the gate by default: a renamed or removed benchmark, or a CI job that runs a subset, is not
 * a slowdown, and the table makes the gap visible. Use {@code --fail-on-missing} when the job
 * always runs the full set. A benchmark only in the current run is reported as new.
 */
public final class RegressionGate {

  static final int OK = 0;
  static final int REGRESSION = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      """
      usage: RegressionGate BASELINE.json CURRENT.json [--threshold 10%] [--fail-on-missing]
        BASELINE.json, CURRENT.json  JMH results written with -rf json
        --threshold T                 slowdown that counts, as 10% or 0.10 (default 10%)
        --fail-on-missing             also fail when a baseline benchmark is missing from CURRENT
      exit 0: no regression; 1: a regression; 2: bad arguments or unreadable files""";

  private RegressionGate() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the gate and returns its exit code; testable without exiting the JVM. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    GateArguments parsed;
    try {
      parsed = GateArguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("RegressionGate: " + e.getMessage());
      err.println(USAGE_TEXT);
      return USAGE;
    }
    List<ComparisonRow> rows;
    try {
      JmhResultReader reader = new JmhResultReader();
      rows =
          new ResultComparison(parsed.threshold())
              .compare(reader.read(parsed.baseline()), reader.read(parsed.current()));
    } catch (IOException | IllegalArgumentException e) {
      err.println("RegressionGate: " + e.getMessage());
      return USAGE;
    }
    out.printf(
        Locale.ROOT,
        "Comparing %s (old) with %s (new); threshold %.1f%%, confidence intervals must not overlap%n",
        parsed.baseline(),
        parsed.current(),
        parsed.threshold() * 100);
    new ComparisonTable().print(rows, out);
    long regressed = count(rows, Verdict.REGRESSED);
    long missing = count(rows, Verdict.MISSING);
    out.printf(
        Locale.ROOT,
        "%d compared: %d regressed, %d improved, %d within noise, %d unchanged; "
            + "%d missing from the current run%s, %d new, %d incomparable%n",
        rows.size() - missing - count(rows, Verdict.NEW),
        regressed,
        count(rows, Verdict.IMPROVED),
        count(rows, Verdict.WITHIN_NOISE),
        count(rows, Verdict.UNCHANGED),
        missing,
        parsed.failOnMissing() ? " (failing)" : " (not gated)",
        count(rows, Verdict.NEW),
        count(rows, Verdict.INCOMPARABLE));
    boolean fail = regressed > 0 || parsed.failOnMissing() && missing > 0;
    out.println(
        fail ? "FAILED: performance regression gate" : "PASSED: performance regression gate");
    return fail ? REGRESSION : OK;
  }

  private static long count(List<ComparisonRow> rows, Verdict verdict) {
    return rows.stream().filter(r -> r.verdict() == verdict).count();
  }
}

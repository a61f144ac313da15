package dev.trainunit.benchmarks.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CI gate for step latency and the other JMH benchmarks: judges a candidate against a baseline
 * per metric (mean, p50 and p99 of sampled times, bytes allocated per operation) with a
 * Mann–Whitney test and a minimum effect, prints a table, writes a JSON verdict and exits with a
 * code a CI job can act on.
 *
 * <pre>
 * java -cp benchmarks.jar dev.trainunit.benchmarks.gate.RegressionGate baseline.json candidate.json
 * </pre>
 *
 * <p>Exit codes: 0 passed; 1 a regression (or, with {@code --fail-on-missing}, a baseline benchmark
 * missing from the candidate); 2 bad arguments or an unreadable result file; 3 inconclusive: no
 * regression, but too few samples to judge a metric, or no benchmark on both sides.
 */
public final class RegressionGate {

  private static final String USAGE_TEXT =
      """
      usage: RegressionGate BASELINE.json CANDIDATE.json [options]
        BASELINE.json CANDIDATE.json  JMH results written with -rf json (a benchmark repeated in
                                      one file, e.g. several runs concatenated, is one run of more forks)
      statistics:
        --threshold 5%                minimum change of the median that counts (default 5%)
        --alpha 0.01                  one-sided Mann-Whitney significance level (default 0.01)
        --min-alloc 8                 minimum change in B/op for allocation (default 8)
        --min-samples 3               fewest samples per side; fewer is inconclusive (default 3)
        --samples fork|iteration      one sample per fork (default) or per measurement iteration
        --metrics mean,p50,p99,alloc  what to judge (default all that both sides measured)
        --fail-on-missing             fail when a baseline benchmark is missing from the candidate
        --verdict FILE                write the JSON verdict
      exit 0 pass; 1 regression; 2 bad arguments or files; 3 inconclusive""";

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
      return GateResult.USAGE;
    }
    Path baselineFile = parsed.baselineFile();
    Path candidateFile = parsed.candidateFile();
    GateSources sources = GateSources.files(baselineFile.toString(), candidateFile.toString());
    List<BenchmarkVerdict> verdicts;
    try {
      JmhResultReader reader = new JmhResultReader();
      verdicts =
          new GateComparison(parsed.policy(), parsed.metrics())
              .compare(reader.read(baselineFile), reader.read(candidateFile));
    } catch (IOException e) {
      err.println("RegressionGate: " + e.getMessage());
      return GateResult.USAGE;
    }
    GateResult result = GateResult.of(verdicts, parsed.failOnMissing());
    report(out, parsed, sources, baselineFile, candidateFile, verdicts, result);
    if (parsed.verdictFile() != null) {
      try {
        VerdictFile.write(
            parsed.verdictFile(),
            result,
            sources,
            parsed.policy(),
            parsed.metrics(),
            parsed.failOnMissing(),
            verdicts);
      } catch (IOException e) {
        err.println("RegressionGate: " + e.getMessage());
        return GateResult.USAGE;
      }
      out.println("verdict: " + parsed.verdictFile());
    }
    return result.exitCode();
  }

  private static void report(
      PrintStream out,
      GateArguments parsed,
      GateSources sources,
      Path baselineFile,
      Path candidateFile,
      List<BenchmarkVerdict> verdicts,
      GateResult result) {
    out.printf(
        Locale.ROOT, "Comparing baseline %s with candidate %s%n", baselineFile, candidateFile);
    out.println("  " + parsed.policy().describe());
    out.println("  baseline and candidate columns: medians of the samples");
    new ComparisonTable().print(verdicts, out);
    long missing = count(verdicts, Set.of(Verdict.MISSING));
    long added = count(verdicts, Set.of(Verdict.NEW));
    out.printf(
        Locale.ROOT,
        "%d compared: %d regressed, %d inconclusive, %d improved, %d within noise, %d unchanged,"
            + " %d incomparable; %d missing from the candidate%s, %d new%n",
        verdicts.size() - missing - added,
        count(verdicts, Set.of(Verdict.REGRESSED)),
        count(verdicts, Set.of(Verdict.INCONCLUSIVE)),
        count(verdicts, Set.of(Verdict.IMPROVED)),
        count(verdicts, Set.of(Verdict.WITHIN_NOISE)),
        count(verdicts, Set.of(Verdict.UNCHANGED)),
        count(verdicts, Set.of(Verdict.INCOMPARABLE)),
        missing,
        parsed.failOnMissing() ? " (failing)" : " (not gated)",
        added);
    out.println(
        switch (result) {
          case PASS -> "PASSED: performance regression gate (exit 0)";
          case REGRESSION -> "FAILED: performance regression gate (exit 1)";
          case INCONCLUSIVE ->
              "INCONCLUSIVE: performance regression gate (exit 3): too few samples to judge;"
                  + " run more forks or rounds";
        });
  }

  private static long count(List<BenchmarkVerdict> verdicts, Set<Verdict> which) {
    return verdicts.stream().filter(v -> which.contains(v.verdict())).count();
  }
}

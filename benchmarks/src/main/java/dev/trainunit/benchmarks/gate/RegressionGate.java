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
 * # two stored result files
 * java -cp benchmarks.jar dev.trainunit.benchmarks.gate.RegressionGate baseline.json candidate.json
 *
 * # the same job measures both, interleaved, one fork per side per round
 * java -cp benchmarks.jar dev.trainunit.benchmarks.gate.RegressionGate \
 *     --baseline-cp base.jar --candidate-cp cand.jar --rounds 5 -- StepLatency -prof gc
 * </pre>
 *
 * <p>Exit codes: 0 passed; 1 a regression (or, with {@code --fail-on-missing}, a baseline benchmark
 * missing from the candidate); 2 bad arguments or an unreadable result file; 3 inconclusive: no
 * regression, but too few samples to judge a metric, or no benchmark on both sides; 4 a JMH run of
 * the interleaved mode failed.
 */
public final class RegressionGate {

  private static final String USAGE_TEXT =
      """
      usage: RegressionGate BASELINE.json CANDIDATE.json [options]
             RegressionGate --baseline-cp CP --candidate-cp CP [--rounds 5] [options] -- JMH_ARGS
        BASELINE.json CANDIDATE.json  JMH results written with -rf json (a benchmark repeated in
                                      one file, e.g. several runs concatenated, is one run of more forks)
        --baseline-cp, --candidate-cp class paths (or jars) to run JMH from, alternately, in this job
        --rounds N                    interleaved rounds, one fork per side each (default 5)
        --work-dir DIR                round results, logs, merged results (default target/regression-gate)
        --java PATH, --java-arg ARG   the java that runs JMH's main, and its options (repeatable)
        -- JMH_ARGS                   the benchmark pattern and JMH options; the gate adds
                                      -f 1 -rf json -rff <file> (and -foe true)
      statistics:
        --threshold 5%                minimum change of the median that counts (default 5%)
        --alpha 0.01                  one-sided Mann-Whitney significance level (default 0.01)
        --min-alloc 8                 minimum change in B/op for allocation (default 8)
        --min-samples 3               fewest samples per side; fewer is inconclusive (default 3)
        --samples fork|iteration      one sample per fork (default) or per measurement iteration
        --metrics mean,p50,p99,alloc  what to judge (default all that both sides measured)
        --fail-on-missing             fail when a baseline benchmark is missing from the candidate
        --verdict FILE                write the JSON verdict (interleaved default: WORK_DIR/verdict.json)
      exit 0 pass; 1 regression; 2 bad arguments or files; 3 inconclusive; 4 a JMH run failed""";

  private RegressionGate() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, new ProcessJmhLauncher()));
  }

  /** Runs the gate and returns its exit code; testable without exiting the JVM or running JMH. */
  static int run(String[] args, PrintStream out, PrintStream err, JmhLauncher launcher) {
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
    GateSources sources =
        GateSources.files(String.valueOf(baselineFile), String.valueOf(candidateFile));
    if (parsed.isInterleaved()) {
      GateArguments.Interleaved settings = parsed.interleaved();
      out.printf(
          Locale.ROOT,
          "Interleaved: %d rounds of %s, one fork per side per round, in %s%n",
          settings.rounds(),
          String.join(" ", settings.jmhArgs()),
          settings.workDir());
      InterleavedRun.Outcome outcome;
      try {
        outcome = new InterleavedRun(settings, launcher, out).run();
      } catch (BenchmarkRunException e) {
        err.println("RegressionGate: " + e.getMessage());
        return GateResult.RUN_FAILED;
      } catch (IOException e) {
        err.println("RegressionGate: " + e.getMessage());
        return GateResult.RUN_FAILED;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        err.println("RegressionGate: interrupted while JMH was running");
        return GateResult.RUN_FAILED;
      }
      baselineFile = outcome.baselineFile();
      candidateFile = outcome.candidateFile();
      sources =
          new GateSources(
              "interleaved",
              settings.baselineClassPath(),
              settings.candidateClassPath(),
              outcome.order());
    }
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
    if (!sources.order().isEmpty()) {
      out.println("  measured in this order: " + String.join(" ", sources.order()));
    }
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

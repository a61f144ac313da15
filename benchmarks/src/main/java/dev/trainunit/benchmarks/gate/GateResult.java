package dev.trainunit.benchmarks.gate;

import java.util.List;

/** What the gate concluded as a whole, and the exit code that says it. */
enum GateResult {
  /** Every benchmark on both sides was judged and none regressed. */
  PASS(0),
  /** A metric regressed, or (with --fail-on-missing) a baseline benchmark is missing. */
  REGRESSION(1),
  /**
   * Nothing regressed, but a metric had too few samples to judge, or no benchmark was on both
   * sides: the gate cannot say the candidate is as fast.
   */
  INCONCLUSIVE(3);

  /** Exit code: bad arguments, or a result file that cannot be read. */
  static final int USAGE = 2;

  /** Exit code: a JMH run of the interleaved mode failed or wrote no results. */
  static final int RUN_FAILED = 4;

  private final int exitCode;

  GateResult(int exitCode) {
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }

  static GateResult of(List<BenchmarkVerdict> verdicts, boolean failOnMissing) {
    boolean regressed =
        verdicts.stream()
            .anyMatch(
                v ->
                    v.verdict() == Verdict.REGRESSED
                        || failOnMissing && v.verdict() == Verdict.MISSING);
    if (regressed) return REGRESSION;
    boolean inconclusive = verdicts.stream().anyMatch(v -> v.verdict() == Verdict.INCONCLUSIVE);
    boolean compared =
        verdicts.stream()
            .anyMatch(v -> v.verdict() != Verdict.MISSING && v.verdict() != Verdict.NEW);
    return inconclusive || !compared ? INCONCLUSIVE : PASS;
  }
}

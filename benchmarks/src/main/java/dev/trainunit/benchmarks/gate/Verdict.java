package dev.trainunit.benchmarks.gate;

/** What the gate concluded about one metric of a benchmark, or about a benchmark as a whole. */
enum Verdict {
  /**
   * Worse by at least the minimum effect, and the Mann–Whitney test says the candidate is worse
   * with p below alpha: fails the gate.
   */
  REGRESSED("REGRESSED"),
  /**
   * Too few samples to tell: fewer than the minimum per side, or so few that no data could reach p
   * below alpha. Neither a pass nor a failure; the gate exits 3 when nothing regressed.
   */
  INCONCLUSIVE("INCONCLUSIVE"),
  /** Better by at least the minimum effect, with p below alpha. */
  IMPROVED("improved"),
  /** Changed by at least the minimum effect, but p is not below alpha: not evidence of a change. */
  WITHIN_NOISE("within noise"),
  /** Changed by less than the minimum effect, whatever the test says. */
  UNCHANGED("unchanged"),
  /** In the baseline, not in the candidate: reported, fails only with --fail-on-missing. */
  MISSING("MISSING in candidate"),
  /** In the candidate only: nothing to compare with yet. */
  NEW("new"),
  /** On both sides but in units that cannot be compared, an unknown mode, or a metric one lacks. */
  INCOMPARABLE("incomparable");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}

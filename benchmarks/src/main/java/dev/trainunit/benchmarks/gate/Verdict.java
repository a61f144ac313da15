package dev.trainunit.benchmarks.gate;

/** What the gate concluded about one benchmark. */
public enum Verdict {
  /**
   * Slower by at least the threshold, and the two confidence intervals do not overlap: fails the
   * gate.
   */
  REGRESSED("REGRESSED"),
  /** Faster by at least the threshold, and the two confidence intervals do not overlap. */
  IMPROVED("improved"),
  /**
   * Changed by at least the threshold, but the confidence intervals overlap: not evidence of a
   * change.
   */
  WITHIN_NOISE("within noise"),
  /** Changed by less than the threshold. */
  UNCHANGED("unchanged"),
  /** In the baseline, not in the current run: reported, fails only with --fail-on-missing. */
  MISSING("MISSING in current"),
  /** In the current run only: nothing to compare with yet. */
  NEW("new"),
  /** Present on both sides but in units that cannot be compared, or an unknown mode. */
  INCOMPARABLE("incomparable");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

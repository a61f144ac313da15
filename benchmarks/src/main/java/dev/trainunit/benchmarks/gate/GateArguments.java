package dev.trainunit.benchmarks.gate;

import java.nio.file.Path;

/** The gate's command line, parsed. */
record GateArguments(Path baseline, Path current, double threshold, boolean failOnMissing) {

  static final double DEFAULT_THRESHOLD = 0.10;

  /**
   * @throws IllegalArgumentException with a message for the user when the arguments are wrong
   */
  static GateArguments parse(String[] args) {
    Path baseline = null;
    Path current = null;
    double threshold = DEFAULT_THRESHOLD;
    boolean failOnMissing = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--threshold")) {
        if (i + 1 >= args.length)
          throw new IllegalArgumentException("--threshold needs a value, e.g. 10%");
        threshold = parseThreshold(args[++i]);
      } else if (arg.startsWith("--threshold=")) {
        threshold = parseThreshold(arg.substring("--threshold=".length()));
      } else if (arg.equals("--fail-on-missing")) {
        failOnMissing = true;
      } else if (arg.startsWith("-")) {
        throw new IllegalArgumentException("unknown option " + arg);
      } else if (baseline == null) {
        baseline = Path.of(arg);
      } else if (current == null) {
        current = Path.of(arg);
      } else {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
    }
    if (current == null)
      throw new IllegalArgumentException("give the baseline and the current result file");
    return new GateArguments(baseline, current, threshold, failOnMissing);
  }

  /** "10%" and "0.10" both mean ten percent. */
  static double parseThreshold(String text) {
    String t = text.trim();
    double value;
    try {
      value =
          t.endsWith("%")
              ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100
              : Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "threshold '" + text + "' is not a number or a percentage such as 10%");
    }
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("threshold must be zero or more, was '" + text + "'");
    }
    return value;
  }
}

package dev.trainunit.benchmarks.gate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The gate's command line, parsed: two result files and how to judge them.
 *
 * @param verdictFile where to write the JSON verdict; null for none
 */
record GateArguments(
    Path baselineFile,
    Path candidateFile,
    GatePolicy policy,
    Set<Metric> metrics,
    boolean failOnMissing,
    Path verdictFile) {

  GateArguments {
    metrics = Set.copyOf(metrics);
  }

  /**
   * @throws IllegalArgumentException with a message for the user when the arguments are wrong
   */
  static GateArguments parse(String[] args) {
    return new Parser(args).parse();
  }

  private static final class Parser {
    private final String[] args;
    private int i;
    private String pendingValue;

    Parser(String[] args) {
      this.args = args;
    }

    GateArguments parse() {
      List<Path> files = new ArrayList<>();
      double threshold = GatePolicy.DEFAULT_THRESHOLD;
      double alpha = GatePolicy.DEFAULT_ALPHA;
      double minAlloc = GatePolicy.DEFAULT_MIN_ALLOC_BYTES;
      int minSamples = GatePolicy.DEFAULT_MIN_SAMPLES;
      SampleLevel level = SampleLevel.FORK;
      Set<Metric> metrics = EnumSet.allOf(Metric.class);
      boolean failOnMissing = false;
      Path verdict = null;
      for (i = 0; i < args.length; i++) {
        String arg = args[i];
        String name = arg;
        pendingValue = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          name = arg.substring(0, eq);
          pendingValue = arg.substring(eq + 1);
        }
        switch (name) {
          case "--threshold" -> threshold = fraction(name, value(name, "a percentage such as 5%"));
          case "--alpha" -> alpha = number(name, value(name, "a probability such as 0.01"));
          case "--min-alloc" -> minAlloc = number(name, value(name, "bytes per operation, e.g. 8"));
          case "--min-samples" -> minSamples = integer(name, value(name, "a count such as 3"));
          case "--samples" -> level = SampleLevel.parse(value(name, "fork or iteration"));
          case "--metrics" -> metrics = Metric.parseList(value(name, "e.g. mean,p50,p99,alloc"));
          case "--fail-on-missing" -> failOnMissing = flag(name);
          case "--verdict" -> verdict = Path.of(value(name, "a file such as target/verdict.json"));
          default -> {
            if (arg.startsWith("-")) throw new IllegalArgumentException("unknown option " + arg);
            files.add(Path.of(arg));
          }
        }
      }
      GatePolicy policy;
      try {
        policy = new GatePolicy(alpha, threshold, minAlloc, minSamples, level);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad statistics option: " + e.getMessage(), e);
      }
      if (files.size() != 2) {
        throw new IllegalArgumentException("give the baseline and the candidate result file");
      }
      return new GateArguments(files.get(0), files.get(1), policy, metrics, failOnMissing, verdict);
    }

    private String value(String name, String expected) {
      if (pendingValue != null) return pendingValue;
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value: " + expected);
      }
      return args[++i];
    }

    private boolean flag(String name) {
      if (pendingValue != null) {
        throw new IllegalArgumentException(name + " takes no value");
      }
      return true;
    }
  }

  /** "5%" and "0.05" both mean five percent. */
  static double fraction(String name, String text) {
    String t = text.trim();
    try {
      return t.endsWith("%")
          ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100
          : Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " '" + text + "' is not a number or a percentage such as 5%", e);
    }
  }

  private static double number(String name, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + text + "' is not a number", e);
    }
  }

  private static int integer(String name, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + text + "' is not a whole number", e);
    }
  }
}

package dev.trainunit.benchmarks.gate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gate's command line, parsed. Either two result files ({@code baselineFile}, {@code
 * candidateFile}), or, with {@code --baseline-cp} and {@code --candidate-cp}, an {@link
 * Interleaved} run.
 *
 * @param verdictFile where to write the JSON verdict; null for none
 */
record GateArguments(
    Path baselineFile,
    Path candidateFile,
    Interleaved interleaved,
    GatePolicy policy,
    Set<Metric> metrics,
    boolean failOnMissing,
    Path verdictFile) {

  static final int DEFAULT_ROUNDS = 5;
  static final Path DEFAULT_WORK_DIR = Path.of("target", "regression-gate");

  /** JMH options the interleaved mode sets itself. */
  private static final Pattern OWN_JMH_OPTIONS = Pattern.compile("-f|-f\\d+|-rf.*");

  /**
   * The interleaved mode: JMH run alternately from each class path, one fork per run.
   *
   * @param javaArgs options of the {@code java} that runs JMH's main (not of JMH's forks: those are
   *     JMH's own {@code -jvmArgs})
   * @param jmhArgs what follows {@code --}: the benchmark pattern and JMH options
   */
  record Interleaved(
      String baselineClassPath,
      String candidateClassPath,
      int rounds,
      Path workDir,
      Path java,
      List<String> javaArgs,
      List<String> jmhArgs) {

    Interleaved {
      javaArgs = List.copyOf(javaArgs);
      jmhArgs = List.copyOf(jmhArgs);
    }
  }

  GateArguments {
    metrics = Set.copyOf(metrics);
  }

  boolean isInterleaved() {
    return interleaved != null;
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
      String baselineCp = null;
      String candidateCp = null;
      Integer rounds = null;
      Path workDir = null;
      Path java = null;
      List<String> javaArgs = new ArrayList<>();
      List<String> jmhArgs = null;
      for (i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--")) {
          jmhArgs = List.of(args).subList(i + 1, args.length);
          break;
        }
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
          case "--baseline-cp" -> baselineCp = value(name, "a class path or a jar");
          case "--candidate-cp" -> candidateCp = value(name, "a class path or a jar");
          case "--rounds" -> rounds = integer(name, value(name, "a count such as 5"));
          case "--work-dir" -> workDir = Path.of(value(name, "a directory"));
          case "--java" -> java = Path.of(value(name, "the java executable"));
          case "--java-arg" -> javaArgs.add(value(name, "a JVM option such as -Xmx512m"));
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
      if (baselineCp == null && candidateCp == null) {
        if (rounds != null || workDir != null || java != null || !javaArgs.isEmpty()) {
          throw new IllegalArgumentException(
              "--rounds, --work-dir, --java and --java-arg need --baseline-cp and --candidate-cp");
        }
        if (jmhArgs != null) {
          throw new IllegalArgumentException(
              "JMH arguments after -- need --baseline-cp and --candidate-cp");
        }
        if (files.size() != 2) {
          throw new IllegalArgumentException(
              "give the baseline and the candidate result file, or --baseline-cp and"
                  + " --candidate-cp");
        }
        return new GateArguments(
            files.get(0), files.get(1), null, policy, metrics, failOnMissing, verdict);
      }
      if (baselineCp == null || candidateCp == null) {
        throw new IllegalArgumentException("give both --baseline-cp and --candidate-cp");
      }
      if (!files.isEmpty()) {
        throw new IllegalArgumentException(
            "result files ("
                + files.get(0)
                + ") and --baseline-cp/--candidate-cp exclude each"
                + " other; JMH arguments go after --");
      }
      if (jmhArgs == null || jmhArgs.isEmpty()) {
        throw new IllegalArgumentException(
            "give the benchmark to run after --, e.g. -- StepLatency -p trainable=com.acme.LogReg");
      }
      for (String a : jmhArgs) {
        if (OWN_JMH_OPTIONS.matcher(a).matches()) {
          throw new IllegalArgumentException(
              "JMH option "
                  + a
                  + " is set by the gate (-f 1 -rf json -rff <file> per round); use --rounds for"
                  + " more forks");
        }
      }
      int r = rounds == null ? DEFAULT_ROUNDS : rounds;
      if (r < 1) throw new IllegalArgumentException("--rounds must be at least 1, was " + r);
      Path dir = workDir == null ? DEFAULT_WORK_DIR : workDir;
      Path javaPath = java == null ? Path.of(System.getProperty("java.home"), "bin", "java") : java;
      Interleaved interleaved =
          new Interleaved(baselineCp, candidateCp, r, dir, javaPath, javaArgs, jmhArgs);
      return new GateArguments(
          null,
          null,
          interleaved,
          policy,
          metrics,
          failOnMissing,
          verdict == null ? dir.resolve("verdict.json") : verdict);
    }

    private String value(String name, String expected) {
      if (pendingValue != null) return pendingValue;
      if (i + 1 >= args.length || args[i + 1].equals("--")) {
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

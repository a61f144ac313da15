package dev.trainunit.engine.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine-wide settings, read from JUnit Platform configuration parameters (system properties,
 * {@code junit-platform.properties}, Surefire's {@code configurationParameters}). Every key starts
 * with {@code trainunit.}.
 */
@API(status = API.Status.INTERNAL)
public final class EngineSettings {

  public static final int DEFAULT_ITERATIONS = 10;
  public static final int DEFAULT_FUZZ_RUNS = 20;
  public static final double DEFAULT_STEP_BUDGET = 8;
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(60);

  private final ConfigurationParameters parameters;
  private final List<String> problems = new ArrayList<>();
  private final Optional<Integer> iterations;
  private final Set<String> excludedChecks;
  private final int fuzzRuns;
  private final Optional<Long> fuzzSeed;
  private final Duration stepTimeout;
  private final double stepBudget;
  private final boolean freshJvmEnabled;
  private final boolean parallelEnabled;
  private final boolean goldenRecord;
  private final boolean goldenStrict;
  private final boolean reportEnabled;
  private final boolean reportQuiet;

  /**
   * Reads every setting once. A value that cannot be read is not thrown: it is kept in {@link
   * #problems()} (naming the key and the value) and the default is used, so that discovery can
   * report all of them as discovery issues at once.
   */
  public EngineSettings(ConfigurationParameters parameters) {
    this.parameters = parameters;
    this.iterations = read(Constants.ITERATIONS, s -> positiveInt(Constants.ITERATIONS, s));
    this.excludedChecks =
        parameters
            .get(Constants.CHECKS_EXCLUDE)
            .map(
                s ->
                    Arrays.stream(s.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
            .orElse(Set.of());
    this.fuzzRuns =
        read(Constants.FUZZ_RUNS, s -> positiveInt(Constants.FUZZ_RUNS, s))
            .orElse(DEFAULT_FUZZ_RUNS);
    this.fuzzSeed = read(Constants.FUZZ_SEED, s -> parseLong(Constants.FUZZ_SEED, s));
    this.stepTimeout =
        read(Constants.STEP_TIMEOUT, s -> Durations.parse(s, Constants.STEP_TIMEOUT))
            .orElse(DEFAULT_STEP_TIMEOUT);
    this.stepBudget =
        read(Constants.STEP_BUDGET, s -> multiple(Constants.STEP_BUDGET, s))
            .orElse(DEFAULT_STEP_BUDGET);
    this.freshJvmEnabled =
        read(Constants.FRESH_JVM_ENABLED, s -> bool(Constants.FRESH_JVM_ENABLED, s)).orElse(true);
    this.parallelEnabled =
        read(Constants.PARALLEL_ENABLED, s -> bool(Constants.PARALLEL_ENABLED, s)).orElse(false);
    this.goldenRecord =
        read(Constants.GOLDEN_RECORD, s -> bool(Constants.GOLDEN_RECORD, s)).orElse(false);
    this.goldenStrict =
        read(Constants.GOLDEN_STRICT, s -> bool(Constants.GOLDEN_STRICT, s)).orElse(false);
    this.reportEnabled =
        read(Constants.REPORT_ENABLED, s -> bool(Constants.REPORT_ENABLED, s)).orElse(true);
    this.reportQuiet =
        read(Constants.REPORT_QUIET, s -> bool(Constants.REPORT_QUIET, s)).orElse(false);
  }

  private <T> Optional<T> read(String key, Function<String, T> parse) {
    Optional<String> text = parameters.get(key);
    if (text.isEmpty()) return Optional.empty();
    try {
      return Optional.of(parse.apply(text.get()));
    } catch (IllegalArgumentException e) {
      problems.add("configuration parameter " + e.getMessage() + "; using the default");
      return Optional.empty();
    }
  }

  /** Each value that could not be read, naming its key and the value; empty when all were fine. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  private static int positiveInt(String key, String text) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= 1) return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " = '" + text + "' is not a whole number", e);
    }
    throw new IllegalArgumentException(key + " = '" + text + "' must be at least 1");
  }

  private static long parseLong(String key, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " = '" + text + "' is not a whole number", e);
    }
  }

  private static double multiple(String key, String text) {
    try {
      double value = Double.parseDouble(text.trim());
      if (value >= 1 && !Double.isInfinite(value)) return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " = '" + text + "' is not a number", e);
    }
    throw new IllegalArgumentException(
        key + " = '" + text + "' must be a finite multiple of at least 1 (one run)");
  }

  private static boolean bool(String key, String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("true")) return true;
    if (t.equalsIgnoreCase("false")) return false;
    throw new IllegalArgumentException(key + " = '" + text + "' is neither true nor false");
  }

  /** Overrides the iterations of classes that keep the annotation's default. */
  public Optional<Integer> iterations() {
    return iterations;
  }

  public Set<String> excludedChecks() {
    return excludedChecks;
  }

  public int fuzzRuns() {
    return fuzzRuns;
  }

  /**
   * The seed that replays one lifecycle-fuzz failure; when absent, each trainable gets a fixed seed
   * of its own.
   */
  public Optional<Long> fuzzSeed() {
    return fuzzSeed;
  }

  /**
   * The step budget of classes that do not set {@code @Trainable(stepBudget)}, as a multiple of one
   * run.
   */
  public double stepBudget() {
    return stepBudget;
  }

  public Duration stepTimeout() {
    return stepTimeout;
  }

  public boolean freshJvmEnabled() {
    return freshJvmEnabled;
  }

  /** Whether golden checkpoints are recorded rather than checked. */
  public boolean goldenRecord() {
    return goldenRecord;
  }

  /** Whether a missing golden checkpoint fails rather than skips. */
  public boolean goldenStrict() {
    return goldenStrict;
  }

  public boolean parallelEnabled() {
    return parallelEnabled;
  }

  /** JUnit's own setting for the output directory; when set, TrainUnit's output goes below it. */
  public static final String JUNIT_OUTPUT_DIR = "junit.platform.reporting.output.dir";

  /**
   * Where trials, reports and logs go: {@code trainunit.output.dir}; else {@code trainunit/} under
   * JUnit's output directory when the launcher was given one ({@code junitRoot}); else {@code
   * target/trainunit}.
   */
  public Path outputRoot(Supplier<Path> junitRoot) {
    if (parameters.get(Constants.OUTPUT_DIR).isPresent())
      return Path.of(parameters.get(Constants.OUTPUT_DIR).get()).toAbsolutePath();
    if (parameters.get(JUNIT_OUTPUT_DIR).isPresent())
      return junitRoot.get().resolve("trainunit").toAbsolutePath();
    return Path.of("target", "trainunit").toAbsolutePath();
  }

  /** Whether the HTML report is written ({@code trainunit.report.enabled}, default true). */
  public boolean reportEnabled() {
    return reportEnabled;
  }

  /** Whether the console summary is left out ({@code trainunit.report.quiet}, default false). */
  public boolean reportQuiet() {
    return reportQuiet;
  }
}

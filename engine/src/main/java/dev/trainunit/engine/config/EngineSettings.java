package dev.trainunit.engine.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine-wide settings, read from JUnit Platform configuration parameters (system
 * properties, {@code junit-platform.properties}, Surefire's {@code configurationParameters}).
 * Every key starts with {@code trainunit.}.
 */
public final class EngineSettings {

  public static final String ITERATIONS = "trainunit.iterations";
  public static final String CHECKS_EXCLUDE = "trainunit.checks.exclude";
  public static final String FUZZ_RUNS = "trainunit.fuzz.runs";
  public static final String FUZZ_SEED = "trainunit.fuzz.seed";
  public static final String STEP_TIMEOUT = "trainunit.step.timeout";
  public static final String FRESH_JVM_ENABLED = "trainunit.fresh-jvm.enabled";
  public static final String OUTPUT_DIR = "trainunit.output.dir";
  public static final String PARALLEL_ENABLED = "trainunit.execution.parallel.enabled";
  public static final String PARALLEL_CONFIG_PREFIX = "trainunit.execution.parallel.config.";
  public static final String REPORT_ENABLED = "trainunit.report.enabled";
  public static final String REPORT_QUIET = "trainunit.report.quiet";

  public static final int DEFAULT_ITERATIONS = 10;
  public static final int DEFAULT_FUZZ_RUNS = 20;
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(60);

  private final ConfigurationParameters parameters;
  private final Optional<Integer> iterations;
  private final Set<String> excludedChecks;
  private final int fuzzRuns;
  private final Optional<Long> fuzzSeed;
  private final Duration stepTimeout;
  private final boolean freshJvmEnabled;

  /** @throws IllegalArgumentException naming the parameter when a value is malformed */
  public EngineSettings(ConfigurationParameters parameters) {
    this.parameters = parameters;
    this.iterations = parameters.get(ITERATIONS, s -> positiveInt(ITERATIONS, s));
    this.excludedChecks = parameters.get(CHECKS_EXCLUDE)
        .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
    this.fuzzRuns = parameters.get(FUZZ_RUNS, s -> positiveInt(FUZZ_RUNS, s)).orElse(DEFAULT_FUZZ_RUNS);
    this.fuzzSeed = parameters.get(FUZZ_SEED, s -> parseLong(FUZZ_SEED, s));
    this.stepTimeout = parameters.get(STEP_TIMEOUT, s -> Durations.parse(s, STEP_TIMEOUT)).orElse(DEFAULT_STEP_TIMEOUT);
    this.freshJvmEnabled = parameters.getBoolean(FRESH_JVM_ENABLED).orElse(true);
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

  /** The seed that replays one lifecycle-fuzz failure; when absent, each trainable gets a fixed seed of its own. */
  public Optional<Long> fuzzSeed() {
    return fuzzSeed;
  }

  public Duration stepTimeout() {
    return stepTimeout;
  }

  public boolean freshJvmEnabled() {
    return freshJvmEnabled;
  }

  public boolean parallelEnabled() {
    return parameters.getBoolean(PARALLEL_ENABLED).orElse(false);
  }

  /** JUnit's own setting for the output directory; when set, TrainUnit's output goes below it. */
  public static final String JUNIT_OUTPUT_DIR = "junit.platform.reporting.output.dir";

  /**
   * Where trials, reports and logs go: {@code trainunit.output.dir}; else {@code trainunit/} under
   * JUnit's output directory when the launcher was given one ({@code junitRoot}); else
   * {@code target/trainunit}.
   */
  public Path outputRoot(java.util.function.Supplier<Path> junitRoot) {
    if (parameters.get(OUTPUT_DIR).isPresent()) return Path.of(parameters.get(OUTPUT_DIR).get()).toAbsolutePath();
    if (parameters.get(JUNIT_OUTPUT_DIR).isPresent()) return junitRoot.get().resolve("trainunit").toAbsolutePath();
    return Path.of("target", "trainunit").toAbsolutePath();
  }

  /** Whether the HTML report is written ({@code trainunit.report.enabled}, default true). */
  public boolean reportEnabled() {
    return parameters.getBoolean(REPORT_ENABLED).orElse(true);
  }

  /** Whether the console summary is left out ({@code trainunit.report.quiet}, default false). */
  public boolean reportQuiet() {
    return parameters.getBoolean(REPORT_QUIET).orElse(false);
  }

  public ConfigurationParameters parameters() {
    return parameters;
  }
}

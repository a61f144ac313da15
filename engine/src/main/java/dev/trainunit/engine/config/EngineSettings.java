package dev.trainunit.engine.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

  /** Bazel's sharding protocol: how many shards, which one this is, and the file to touch. */
  public static final String BAZEL_TOTAL_SHARDS = "TEST_TOTAL_SHARDS";

  public static final String BAZEL_SHARD_INDEX = "TEST_SHARD_INDEX";
  public static final String BAZEL_SHARD_STATUS_FILE = "TEST_SHARD_STATUS_FILE";

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
  private final Optional<Shard> shard;
  private final Optional<Path> shardStatusFile;

  /** The settings of a run with no environment variables: none of Bazel's is set. */
  public EngineSettings(ConfigurationParameters parameters) {
    this(parameters, Map.of());
  }

  /**
   * Reads every setting once. A value that cannot be read is not thrown: it is kept in {@link
   * #problems()} (naming the key and the value) and the default is used, so that discovery can
   * report all of them as discovery issues at once.
   *
   * @param environment the process's environment variables (the engine passes {@code
   *     System.getenv()}); only Bazel's sharding variables are read from it
   */
  public EngineSettings(ConfigurationParameters parameters, Map<String, String> environment) {
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
    boolean byParameters =
        parameters.get(Constants.SHARD_TOTAL).isPresent()
            || parameters.get(Constants.SHARD_INDEX).isPresent();
    if (byParameters) {
      this.shard =
          shard(
              "configuration parameter",
              Constants.SHARD_TOTAL,
              parameters.get(Constants.SHARD_TOTAL),
              Constants.SHARD_INDEX,
              parameters.get(Constants.SHARD_INDEX));
      // Bazel's status file says "this runner honours TEST_TOTAL_SHARDS"; with the configuration
      // parameters winning, it would not, and Bazel must not be told it does.
      this.shardStatusFile = Optional.empty();
    } else {
      this.shard =
          shard(
              "environment variable",
              BAZEL_TOTAL_SHARDS,
              set(environment, BAZEL_TOTAL_SHARDS),
              BAZEL_SHARD_INDEX,
              set(environment, BAZEL_SHARD_INDEX));
      this.shardStatusFile =
          shard.isPresent()
              ? set(environment, BAZEL_SHARD_STATUS_FILE).map(Path::of)
              : Optional.empty();
    }
  }

  /** A variable set to something: CI systems export empty ones for a matrix entry without it. */
  private static Optional<String> set(Map<String, String> environment, String name) {
    return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
  }

  /**
   * The shard from a pair of settings, both needed; empty (every node runs) when neither is set or
   * they cannot be read, which is then a problem naming both and their values.
   */
  private Optional<Shard> shard(
      String kind,
      String totalKey,
      Optional<String> totalText,
      String indexKey,
      Optional<String> indexText) {
    if (totalText.isEmpty() && indexText.isEmpty()) return Optional.empty();
    String both =
        totalKey
            + " = "
            + totalText.map(t -> "'" + t + "'").orElse("(not set)")
            + " and "
            + indexKey
            + " = "
            + indexText.map(t -> "'" + t + "'").orElse("(not set)");
    String problem;
    try {
      if (totalText.isEmpty() || indexText.isEmpty()) {
        problem = "a shard needs both: ";
      } else {
        int total = Integer.parseInt(totalText.get().trim());
        int index = Integer.parseInt(indexText.get().trim());
        if (total < 1) problem = totalKey + " must be at least 1: ";
        else if (index < 0 || index >= total)
          problem = indexKey + " must be from 0 to " + totalKey + " - 1: ";
        else return Optional.of(new Shard(index, total));
      }
    } catch (NumberFormatException e) {
      problem = "a shard is given by whole numbers: ";
    }
    problems.add(kind + " " + problem + both + "; running every test, unsharded");
    return Optional.empty();
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

  /**
   * The shard this run is, when the suite is split ({@code trainunit.shard.*}, else Bazel's {@code
   * TEST_TOTAL_SHARDS} and {@code TEST_SHARD_INDEX}); empty when every node runs here.
   */
  public Optional<Shard> shard() {
    return shard;
  }

  /**
   * Bazel's {@code TEST_SHARD_STATUS_FILE}, to touch to tell Bazel that the shard it asked for is
   * honoured; empty unless the shard came from Bazel's variables.
   */
  public Optional<Path> shardStatusFile() {
    return shardStatusFile;
  }

  /** Whether the console summary is left out ({@code trainunit.report.quiet}, default false). */
  public boolean reportQuiet() {
    return reportQuiet;
  }
}

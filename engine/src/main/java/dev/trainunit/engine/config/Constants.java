package dev.trainunit.engine.config;

import org.apiguardian.api.API;

/**
 * The engine's configuration parameters: every key, what it means and its default. Set them in
 * {@code src/test/resources/junit-platform.properties}, with {@code -D} on the Maven command line,
 * or in Surefire's {@code <configurationParameters>}. A value the engine cannot read fails the run
 * at discovery, naming the key and the value.
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public final class Constants {

  private Constants() {}

  /**
   * {@value}: iterations of each run, for classes whose {@code @Trainable} does not set {@code
   * iterations}. A whole number of at least 1; default 10.
   */
  public static final String ITERATIONS = "trainunit.iterations";

  /**
   * {@value}: comma-separated check ids to skip everywhere, e.g. {@code
   * lifecycle-fuzz,fresh-jvm-restore}.
   */
  public static final String CHECKS_EXCLUDE = "trainunit.checks.exclude";

  /**
   * {@value}: random sequences the {@code lifecycle-fuzz} check tries per trainable and config;
   * default 20.
   */
  public static final String FUZZ_RUNS = "trainunit.fuzz.runs";

  /**
   * {@value}: the seed that replays a {@code lifecycle-fuzz} failure; default a fixed seed per
   * class.
   */
  public static final String FUZZ_SEED = "trainunit.fuzz.seed";

  /**
   * {@value}: the longest one step (or any other hook call) may take, e.g. {@code 500ms}, {@code
   * 30s}, {@code 2m}; default {@code 60s}. A stuck hook fails its check with the stuck thread's
   * stack and the run goes on.
   */
  public static final String STEP_TIMEOUT = "trainunit.step.timeout";

  /**
   * {@value}: the most step() calls the whole check catalogue may make per trainable and config, as
   * a multiple of one run's steps, fresh JVMs included; {@code lifecycle-fuzz} spends what the
   * other checks leave. A number of at least 1; default 8. {@code @Trainable(stepBudget)} wins.
   */
  public static final String STEP_BUDGET = "trainunit.step.budget";

  /** {@value}: whether the {@code fresh-jvm-restore} check runs (it starts a JVM); default true. */
  public static final String FRESH_JVM_ENABLED = "trainunit.fresh-jvm.enabled";

  /**
   * {@value}: where each trial's directory and the reports go; default {@code trainunit/} under
   * JUnit's output directory when the launcher sets one, else {@code target/trainunit}.
   */
  public static final String OUTPUT_DIR = "trainunit.output.dir";

  /** {@value}: whether trainables and checks run in parallel; default false. */
  public static final String PARALLEL_ENABLED = "trainunit.execution.parallel.enabled";

  /**
   * {@value}: prefix of JUnit's parallel-executor settings ({@code strategy}, {@code
   * fixed.parallelism}, ...) under TrainUnit's name; defaults are JUnit's.
   */
  public static final String PARALLEL_CONFIG_PREFIX = "trainunit.execution.parallel.config.";

  /** {@value}: whether the HTML report is written; default true. */
  public static final String REPORT_ENABLED = "trainunit.report.enabled";

  /** {@value}: whether the console summary lines are left out; default false. */
  public static final String REPORT_QUIET = "trainunit.report.quiet";

  /**
   * {@value}: record golden checkpoints instead of checking them: each trainable with
   * {@code @Trainable(golden)} writes, per config, a checkpoint and the continuation after it into
   * its golden directory, to commit; default false.
   */
  public static final String GOLDEN_RECORD = "trainunit.golden.record";

  /**
   * {@value}: whether a trainable with {@code @Trainable(golden)} but no golden checkpoint recorded
   * for a config fails {@code checkpoint-compat} (for CI) instead of skipping it; default false.
   */
  public static final String GOLDEN_STRICT = "trainunit.golden.strict";

  /**
   * {@value}: how many shards the suite is split into, to run on that many CI machines; each runs
   * the trainables × configs of its {@link #SHARD_INDEX}. Set with it; a whole number of at least
   * 1. Without either key, Bazel's {@code TEST_TOTAL_SHARDS} and {@code TEST_SHARD_INDEX}
   * environment variables are honoured (and its {@code TEST_SHARD_STATUS_FILE} touched); the keys
   * win over them. Default: no sharding.
   */
  public static final String SHARD_TOTAL = "trainunit.shard.total";

  /**
   * {@value}: which shard of {@link #SHARD_TOTAL} this run is, from 0 to total − 1 (Bazel's
   * numbering). A trainable × config belongs to the shard a hash of its test class name and config
   * gives, so adding a class or a config moves no other.
   */
  public static final String SHARD_INDEX = "trainunit.shard.index";
}

package dev.trainunit.benchmarks;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.CheckpointOptions;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.TrainableFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/*
 * The step latency of YOUR trainable, as TrainUnit drives it, reported as a distribution
 * (Mode.SampleTime: mean, p50, p90, p99, p99.9, max).
 *
 *   java -cp <your classes and jars>:trainunit-benchmarks.jar:<its dependencies> \
 *       org.openjdk.jmh.Main StepLatency \
 *       -p trainable=com.acme.LogReg -p config=@src/test/resources/logreg.json
 *
 * Parameters
 *   trainable  the fully qualified name of a class extending AbstractTrainable, loaded from the
 *              class path (default: SampleLogReg, a small logistic regression shipped here);
 *   config     the config, either JSON text or @path to a file holding it. JMH's -p splits
 *              values at commas, so a JSON object with more than one key must come from a file
 *              (config=@file.json) or be set through OptionsBuilder.param(..) in Java;
 *   loggers    none (default), json or tuneDefaults: the result files the trial writes.
 *
 * MEASURES
 *   train() on one instance built by TrainableFactory.create (setup() has run, outside the
 *   measurement): the user's step() plus TrainUnit's per-call overhead (about 0.1 us with
 *   loggers=none, see OverheadBenchmark), iteration after iteration, so a step that slows down
 *   as training goes on shows in the tail and in the drift between iterations.
 *
 * DELIBERATELY DOES NOT MEASURE
 *   - setup(), save()/restore(), stop(): one-off or separately benchmarked costs;
 *   - the whole run to `done`: a step that reports done=true is still called again (the
 *     benchmark measures steps, not runs), so a trainable that refuses to step after done is
 *     not a fit;
 *   - steps longer than the measurement time: a step of seconds gives one sample per second of
 *     measurement; give such a trainable long iterations (-r 30s) and few of them.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class StepLatencyBenchmark {

  /** The trainable's class name, loaded from the class path. */
  @Param("dev.trainunit.benchmarks.SampleLogReg")
  public String trainable;

  /** JSON text of the config, or {@code @path} of a file holding it. */
  @Param("{}")
  public String config;

  /** none, json or tuneDefaults. */
  @Param("none")
  public String loggers;

  private Path dir;
  private AbstractTrainable instance;

  @Setup(Level.Trial)
  public void start() {
    Class<? extends AbstractTrainable> type = loadTrainable(trainable);
    Config parsed = parseConfig(config);
    dir = BenchmarkTrials.newTempDir("trainunit-step-latency-");
    instance =
        TrainableFactory.create(
            type, parsed, BenchmarkTrials.trial(dir, loggers, CheckpointOptions.DEFAULT));
  }

  @TearDown(Level.Trial)
  public void stop() {
    try {
      if (instance != null) instance.stop();
    } finally {
      BenchmarkTrials.deleteRecursively(dir);
    }
  }

  @Benchmark
  public Result step() {
    return instance.train();
  }

  static Class<? extends AbstractTrainable> loadTrainable(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<?> type;
    try {
      type =
          Class.forName(
              name.trim(),
              false,
              loader != null ? loader : StepLatencyBenchmark.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "trainable class "
              + name
              + " is not on the class path; put your classes "
              + "before trainunit-benchmarks on -cp (java -cp target/classes:... org.openjdk.jmh.Main StepLatency ...)",
          e);
    }
    if (!AbstractTrainable.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "trainable class " + name + " does not extend " + AbstractTrainable.class.getName());
    }
    return type.asSubclass(AbstractTrainable.class);
  }

  static Config parseConfig(String text) {
    String json = text.trim();
    if (json.startsWith("@")) {
      Path file = Path.of(json.substring(1));
      try {
        json = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the config file " + file.toAbsolutePath(), e);
      }
    }
    return Config.parse(json);
  }
}

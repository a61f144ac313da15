package dev.trainunit.benchmarks;

import dev.trainunit.CheckpointOptions;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.TrainableFactory;
import java.nio.file.Path;
import java.util.Map;
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
 * What TrainUnit adds to one iteration: train() against a bare call of the same step, on the
 * same trainable, in the same run.
 *
 * MEASURES
 *   bareStep: TinyTrainable.work(), the exact body of its step(): a scalar SGD update that
 *             returns Map.of("loss", ..). This is the baseline; it allocates the step's own map
 *             and boxed double.
 *   train:    TinyTrainable.train(): timing the step with two nanoTime() reads, advancing the
 *             counters, building the (lazy) Result, and, with loggers=json, writing that result
 *             as one line of result.json through the buffered writer (which pushes to the file
 *             system at most once a second, as it does in real runs).
 *   The difference train - bareStep is the overhead the design targets bound: <= 100 ns and
 *   <= 160 B per call with loggers=none (read B/op as gc.alloc.rate.norm under -prof gc), and
 *   <= 2 us per call with loggers=json.
 *
 * DELIBERATELY DOES NOT MEASURE
 *   - a realistic step: the step is a few ns on purpose, so that the framework's share shows;
 *     StepLatencyBenchmark measures a real trainable;
 *   - Result.asMap(): the combined map is built only when a caller asks for it, and the
 *     benchmark does not ask (the returned Result is consumed by JMH's Blackhole as it is);
 *   - progress.csv: run with -p loggers=tuneDefaults to add it;
 *   - disk latency: result.json goes to the page cache in a temp dir; the file and the trainable
 *     are replaced after every measurement iteration, so the file stays small and the disk does
 *     not fill, and close() (the final flush) is outside the measurement;
 *   - save()/restore(): see CheckpointBenchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OverheadBenchmark {

  /** The trial's result loggers: none, json (result.json) or tuneDefaults (json and csv). */
  @Param({"none", "json"})
  public String loggers;

  private Path dir;
  private TinyTrainable trainable;

  @Setup(Level.Iteration)
  public void start() {
    dir = BenchmarkTrials.newTempDir("trainunit-overhead-");
    trainable =
        TrainableFactory.create(
            TinyTrainable.class,
            Config.empty(),
            BenchmarkTrials.trial(dir, loggers, CheckpointOptions.DEFAULT));
  }

  @TearDown(Level.Iteration)
  public void stop() {
    trainable.stop();
    BenchmarkTrials.deleteRecursively(dir);
  }

  @Benchmark
  public Map<String, Object> bareStep() {
    return trainable.work();
  }

  @Benchmark
  public Result train() {
    return trainable.train();
  }
}

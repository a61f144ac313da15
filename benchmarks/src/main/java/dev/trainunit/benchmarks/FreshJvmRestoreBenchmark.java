package dev.trainunit.benchmarks;

import dev.trainunit.benchmarks.engine.JvmStart;
import dev.trainunit.benchmarks.engine.PlatformRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/*
 * What the fresh-jvm-restore check costs per trainable, against simply starting one JVM per
 * trainable, in the same run. Divide each score by `trainables` for the amortised figure; the
 * design target is <= 100 ms per trainable over 50 trainables.
 *
 * MEASURES (one invocation = one whole run; score = ms per run of `trainables`)
 *   engine:    Launcher.execute of the TrainUnit engine on SmallModelContract (SmallModel under
 *              `trainables` configs) with only fresh-jvm-restore (the nine other checks excluded),
 *              no report: per trainable the in-process reference run and saved run, the
 *              checkpoint copy, and one new JVM (FreshJvmMain: boots, loads the framework and
 *              the trainable from this JVM's class path, restores, trains the rest, writes its
 *              results as JSON) that the engine waits for. The engine starts the next JVM ahead
 *              while it works on the current trainable, so start-up overlaps with other work.
 *   jvmStarts: `trainables` times, one after the other: java -cp <this JVM's class path>
 *              JvmStart (an empty main), output discarded, waited for. This is the cost of one
 *              plain JVM start per check, without FreshJvmCommand's start-up options, with the same
 *              class path.
 *
 * DELIBERATELY DOES NOT MEASURE
 *   - the JVM that the engine started ahead at the end of the previous run: each run has a new
 *     output directory, so that spare is discarded and the run's first JVM starts cold, as in a
 *     real build;
 *   - deleting the run's files (untimed Level.Iteration teardown);
 *   - a real model: SmallModel loads in microseconds; a model with large native libraries or
 *     weights to load pays that in the new JVM on top.
 *   Each run starts 50 processes on a shared 2-core machine: figures move with the machine's
 *   load; compare the two scores of the same run.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class FreshJvmRestoreBenchmark extends LauncherRunDirectories {

  /** How many trainables (configs) each run tests; the design target is stated for 50. */
  @Param({"50"})
  public int trainables;

  @Override
  protected int trainableCount() {
    return trainables;
  }

  @Override
  protected String directoryPrefix() {
    return "trainunit-fresh-jvm-";
  }

  private List<String> jvmStartCommand;

  @Setup(Level.Trial)
  public void buildJvmStartCommand() {
    jvmStartCommand =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            JvmStart.class.getName());
  }

  @Benchmark
  public long engine() {
    return PlatformRuns.run(
        launcher, PlatformRuns.trainUnit(runDir, List.of("fresh-jvm-restore")), trainables);
  }

  @Benchmark
  public int jvmStarts() throws InterruptedException {
    int exitCodes = 0;
    for (int i = 0; i < trainables; i++) {
      try {
        Process p =
            new ProcessBuilder(jvmStartCommand)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        exitCodes += p.waitFor();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + jvmStartCommand, e);
      }
    }
    if (exitCodes != 0) throw new IllegalStateException("a JVM start failed: " + jvmStartCommand);
    return exitCodes;
  }
}

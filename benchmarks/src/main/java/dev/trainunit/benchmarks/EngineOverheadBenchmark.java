package dev.trainunit.benchmarks;

import dev.trainunit.benchmarks.engine.PlatformRuns;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * What the engine costs over a hand-written test of the same contract: one whole JUnit Platform
 * run of `trainables` small trainables (SmallModel under as many configs, 10 iterations each)
 * with the checks lifecycle + save-restore, against a JUnit Jupiter test that does the same work
 * by hand, both launched the same way in the same JMH run.
 *
 * MEASURES (one invocation = one Launcher.execute, single shot; score = ms per whole run)
 *   engine:  Launcher.execute of the TrainUnit engine on SmallModelContract
 *            (@Trainable(configFactory) over SmallFleet's configs: one subject per config),
 *            the eight other checks excluded with trainunit.checks.exclude, no HTML report, no
 *            console summary, output in a fresh temporary directory. Included, because the
 *            engine does them for every user: discovery and the tree (200 config containers of
 *            ten check nodes each, eight of which are reported skipped); the reference run, which
 *            saves at iterations 1, 5 and 9 and whose checkpoints save-restore restores (the
 *            engine's way of sharing work, where the hand-written test trains each prefix again,
 *            as a person writing it would); one driver thread per instance, and a
 *            hand-off to it with a time limit for every call; the lifecycle check's further
 *            assertions (every auto-filled metric present, config echoed, metrics loggable and
 *            finite, a second stop() and a train() after stop() refused); writing each trial's
 *            result files.
 *   jupiter: Launcher.execute of the Jupiter engine on HandWrittenSmallModelChecks: two
 *            @ParameterizedTests over the same configs (400 test nodes, as the engine's 400
 *            checks). lifecycle trains 10 iterations checking training_iteration 1..10 and the
 *            time totals, then stops; saveRestore, for each k of the check's checkpoint
 *            iterations (1, 5, 9): trains k, saves, continues, copies the checkpoint, restores
 *            it into a fresh instance, trains the rest and compares the metrics exactly. Its
 *            trials use the same default result loggers as the engine's, so both write the same
 *            kind of files.
 *   Ratio = engine / jupiter; the design target is <= 1.2 for 200 trainables.
 *
 * DELIBERATELY DOES NOT MEASURE
 *   - building the Launcher (LauncherFactory.create(), once per trial): both sides would pay it
 *     once per build, and it is the same for both;
 *   - deleting the run's files: the output directory of each iteration is deleted in an untimed
 *     Level.Iteration teardown (the Jupiter side does not use @TempDir, which would put deletion
 *     in its timing only);
 *   - parallel execution: both sides run sequentially (the defaults);
 *   - the model: SmallModel's step costs well under a microsecond and its checkpoint is five
 *     numbers, so the run is all framework and test-harness work. With a real model the ratio
 *     tends to 1.
 *   Single-shot runs of 1-2 s on a shared 2-core machine are noisy; use many iterations and
 *   compare the two scores of the same run only.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Benchmark)
public class EngineOverheadBenchmark extends LauncherRunDirectories {

  /** How many trainables (configs) each run tests; the design target is about 200. */
  @Param({"200"})
  public int trainables;

  @Override
  protected int trainableCount() {
    return trainables;
  }

  @Override
  protected String directoryPrefix() {
    return "trainunit-engine-overhead-";
  }

  @Benchmark
  public long engine() {
    LauncherDiscoveryRequest request =
        PlatformRuns.trainUnit(runDir.resolve("trainunit"), List.of("lifecycle", "save-restore"));
    return PlatformRuns.run(launcher, request, 2L * trainables);
  }

  @Benchmark
  public long jupiter() {
    return PlatformRuns.run(launcher, PlatformRuns.jupiter(), 2L * trainables);
  }
}

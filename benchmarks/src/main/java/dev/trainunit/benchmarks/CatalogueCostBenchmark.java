package dev.trainunit.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.benchmarks.engine.PlatformRuns;
import dev.trainunit.benchmarks.engine.SleepingModel;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * What the whole default check catalogue costs a model whose step takes time, against one run of
 * the same model in the same JMH run.
 *
 * MEASURES (one invocation = one whole run, single shot; score = ms)
 *   catalogue: Launcher.execute of the TrainUnit engine on SleepingModel (10 iterations, one
 *              config, a step that sleeps 10 ms), every check with its defaults, the fresh JVM
 *              included; the secondary result "steps" is the step() calls the engine reports for
 *              the run (its console line and trainunit-summary.json: in this JVM and the new one).
 *   oneRun:    the same model built by TrainableFactory and trained for 10 iterations, then
 *              stopped: what the user's own run costs.
 *   Ratio = catalogue / oneRun: the wall-time multiple of one run the checks cost. With steps this
 *   slow it follows the number of steps; the rest is JVM start-up (the fresh JVM) and I/O.
 *
 * DELIBERATELY DOES NOT MEASURE
 *   - building the Launcher (once per trial) and deleting the run's files (untimed teardown);
 *   - parallel execution: the engine runs its checks one after another (the default);
 *   - a model with real CPU work: sleeping keeps the step's cost independent of the machine's load.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class CatalogueCostBenchmark extends LauncherRunDirectories {

  /** The step() calls of the catalogue runs, as the engine reported them. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Steps {
    public long steps;
  }

  /**
   * SleepingModel is one trainable; the small fleet the other engine benchmarks configure is unused
   * here.
   */
  @Override
  protected int trainableCount() {
    return 1;
  }

  @Override
  protected String directoryPrefix() {
    return "trainunit-catalogue-cost-";
  }

  @Benchmark
  public long catalogue(Steps steps) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(SleepingModel.class))
            .filters(EngineFilter.includeEngines("trainunit"))
            .configurationParameters(
                Map.of(
                    "trainunit.output.dir", runDir.toString(),
                    "trainunit.report.enabled", "false",
                    "trainunit.report.quiet", "true"))
            .build();
    // export-model skips: no export format is declared
    long passed = PlatformRuns.run(launcher, request, PlatformRuns.ALL_CHECKS.size() - 1);
    steps.steps += reportedSteps(runDir);
    return passed;
  }

  @Benchmark
  public long oneRun() throws Exception {
    Trial trial = Trial.builder(runDir.resolve("one-run-" + System.nanoTime())).build();
    SleepingModel model = TrainableFactory.create(SleepingModel.class, Config.empty(), trial);
    long iterations = 0;
    for (int i = 0; i < 10; i++) iterations = model.train().trainingIteration();
    model.stop();
    return iterations;
  }

  private static long reportedSteps(Path output) {
    try {
      JsonNode summary =
          Json.MAPPER.readTree(output.resolve("report").resolve("trainunit-summary.json").toFile());
      return summary.get("trainables").get(0).get("cost").get("steps").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the engine's summary under " + output, e);
    }
  }
}

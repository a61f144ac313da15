package dev.trainunit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark once, briefly, to prove it runs: in this JVM (no fork), no warmup, one 50 ms
 * measurement iteration (one invocation for the single-shot engine benchmarks), smallest parameters
 * only. It asserts that each benchmark produced a result and nothing about its timing: figures come
 * from real runs of benchmarks.jar.
 */
class BenchmarksSmokeTest {

  /** Every benchmark class of the module; a new one is added here. */
  private static final List<Class<?>> BENCHMARK_CLASSES =
      List.of(
          OverheadBenchmark.class,
          CheckpointBenchmark.class,
          StepLatencyBenchmark.class,
          EngineOverheadBenchmark.class,
          FreshJvmRestoreBenchmark.class,
          CatalogueCostBenchmark.class);

  @Test
  void everyBenchmarkRunsAndProducesAResult() throws RunnerException {
    OptionsBuilder builder = new OptionsBuilder();
    for (Class<?> c : BENCHMARK_CLASSES)
      builder.include("^" + c.getName().replace(".", "\\.") + "\\.");
    Options options =
        builder
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(50))
            .param("size", "1024")
            .param("config", "{\"samples\": 32}")
            // The engine benchmarks launch whole test runs (and, for fresh-jvm-restore, one JVM per
            // trainable): two trainables keep them to a few seconds.
            .param("trainables", "2")
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();

    Collection<RunResult> results = new Runner(options).run();

    Set<String> ran =
        results.stream()
            .filter(r -> r.getPrimaryResult().getSampleCount() > 0)
            .map(r -> r.getParams().getBenchmark())
            .collect(Collectors.toSet());
    assertThat(ran).containsExactlyInAnyOrderElementsOf(declaredBenchmarks());
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  private static Set<String> declaredBenchmarks() {
    return BENCHMARK_CLASSES.stream()
        .flatMap(
            c ->
                Arrays.stream(c.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Benchmark.class))
                    .map(Method::getName)
                    .map(name -> c.getName() + "." + name))
        .collect(Collectors.toSet());
  }

  @Test
  void theStepLatencyBenchmarkLoadsATrainableByNameAndAConfigFromAFile(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("c.json"), "{\"lr\": 0.5, \"samples\": 8}");

    assertThat(StepLatencyBenchmark.loadTrainable("dev.trainunit.benchmarks.TinyTrainable"))
        .isEqualTo(TinyTrainable.class);
    assertThat(StepLatencyBenchmark.parseConfig("@" + file).getInt("samples")).isEqualTo(8);
    assertThat(StepLatencyBenchmark.parseConfig("{\"lr\": 0.5}").getDouble("lr")).isEqualTo(0.5);
    assertThatThrownBy(() -> StepLatencyBenchmark.loadTrainable("com.acme.Nope"))
        .hasMessageContaining("not on the class path");
    assertThatThrownBy(() -> StepLatencyBenchmark.loadTrainable("java.lang.String"))
        .hasMessageContaining("does not extend");
  }
}

package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.annotations.Trainable;
import dev.trainunit.engine.fixtures.LoadFixtures;
import dev.trainunit.engine.fixtures.MomentumModel;
import dev.trainunit.internal.Json;
import dev.trainunit.logging.ResultLoggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Fifty trainables under the engine's parallel mode on two cores: every check passes, every
 * reference run's results are the right ones, no two trials share a file, and no thread the engine
 * started for a trainable outlives the run.
 */
class LoadTest {

  @TempDir Path output;

  @Test
  void fiftyTrainablesInParallel() throws Exception {
    DiscoverySelector[] selectors =
        LoadFixtures.ALL.stream().map(c -> selectClass(c)).toArray(DiscoverySelector[]::new);
    EngineExecutionResults results =
        EngineTestKitSupport.engine(output)
            .selectors(selectors)
            .configurationParameter("trainunit.execution.parallel.enabled", "true")
            .configurationParameter("trainunit.execution.parallel.config.strategy", "fixed")
            .configurationParameter("trainunit.execution.parallel.config.fixed.parallelism", "4")
            .configurationParameter("trainunit.checks.exclude", "lifecycle-fuzz,fresh-jvm-restore")
            .execute();

    results.testEvents().assertStatistics(stats -> stats.failed(0).aborted(0));
    assertThat(results.testEvents().succeeded().count()).isGreaterThanOrEqualTo(50 * 6);

    for (Class<?> c : LoadFixtures.ALL) {
      assertReferenceResultsAreCorrect(c);
    }
    assertNoTwoTrialsShareAFile();
    assertNoTrainableThreadOutlivesTheRun();
  }

  /**
   * The reference run's result.json holds exactly what an in-process run of the same config
   * computes.
   */
  private void assertReferenceResultsAreCorrect(Class<?> c) throws IOException {
    Config config = Config.parse(c.getAnnotation(Trainable.class).config()[0]);
    MomentumModel expected =
        TrainableFactory.create(
            MomentumModel.class,
            config,
            Trial.builder(output.resolve("expected-" + c.getSimpleName()))
                .loggerCreator(ResultLoggers.none())
                .build());
    Path reference;
    try (Stream<Path> dirs = Files.list(output.resolve(c.getName()))) {
      reference =
          dirs.filter(d -> d.getFileName().toString().endsWith("-reference"))
              .findFirst()
              .orElseThrow();
    }
    List<String> lines = Files.readAllLines(reference.resolve("result.json"));
    assertThat(lines).as(c.getSimpleName()).hasSize(3);
    for (String line : lines) {
      JsonNode logged = Json.MAPPER.readTree(line);
      Result r = expected.train();
      assertThat(logged.get("training_iteration").asLong()).isEqualTo(r.trainingIteration());
      assertThat(logged.get("loss").asDouble())
          .as(c.getSimpleName())
          .isEqualTo(r.getDouble("loss"));
      assertThat(logged.get("w").asDouble()).isEqualTo(r.getDouble("w"));
    }
    expected.stop();
  }

  private void assertNoTwoTrialsShareAFile() throws IOException {
    Set<Path> trialDirs = new HashSet<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().equals("params.json")
            && !p.toString().contains("expected-")) {
          assertThat(trialDirs.add(p.getParent())).as("two trials share " + p.getParent()).isTrue();
        }
      }
    }
    assertThat(trialDirs).hasSizeGreaterThanOrEqualTo(50 * 6);
  }

  private static void assertNoTrainableThreadOutlivesTheRun() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    List<String> alive;
    do {
      alive =
          Thread.getAllStackTraces().keySet().stream()
              .filter(Thread::isAlive)
              .map(Thread::getName)
              .filter(n -> n.startsWith("trainunit-"))
              .toList();
      if (alive.isEmpty()) return;
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    assertThat(alive).as("threads the engine started for trainables").isEmpty();
  }
}

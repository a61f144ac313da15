package dev.trainunit.examples.libraries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.trainunit.annotations.Trainable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * What a user sees whose DL4J network keeps the learning rate of the zip it was restored from
 * ({@link Dl4jKeepsSavedLearningRate}): pbt-exploit finds the rate inside the network's layer
 * configurations, where no field of the trainable shows it, and names it.
 */
class Dl4jKeepsSavedLearningRateTest {

  @Trainable(
      value = Dl4jKeepsSavedLearningRate.class,
      iterations = 6,
      stepTimeout = "2m",
      config = {"{\"lr\": 0.03}", "{\"lr\": 0.005}"})
  static class Declaration {}

  @Test
  void pbtExploitNamesTheLearningRateTheZipBroughtBack() {
    List<Event> finished =
        EngineTestKit.engine("trainunit")
            .configurationParameter(
                "trainunit.output.dir",
                Path.of("target", "trainunit-broken", "Dl4jKeepsSavedLearningRate").toString())
            .configurationParameter("trainunit.report.quiet", "true")
            .selectors(selectMethod(Declaration.class, "pbt-exploit"))
            .execute()
            .testEvents()
            .finished()
            .list();

    assertThat(finished).hasSize(2);
    for (Event e : finished) {
      TestExecutionResult result = e.getPayload(TestExecutionResult.class).orElseThrow();
      assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
      assertThat(result.getThrowable().orElseThrow().getMessage())
          .contains("the checkpoint carries hyperparameters that override the config")
          .containsPattern(
              "net\\.\\S+\\.learningRate holds config A's 0\\.0\\d+ where config B sets");
    }
  }
}

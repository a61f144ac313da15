package dev.trainunit.examples.libraries;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs one check of a broken variant through the TrainUnit engine (EngineTestKit) and returns its
 * failure message, so that a test can hold the message the README quotes to the engine's wording.
 *
 * <p>The declarations of broken variants are nested classes: Surefire never selects a nested class
 * by itself (its default excludes hold {@code **}{@code /*$*}), so only these tests run them.
 */
final class BrokenVariants {

  private BrokenVariants() {}

  /** The failure message of {@code check} on the {@code @Trainable} class {@code declaration}. */
  static String failureOf(Class<?> declaration, String check) {
    Path output = Path.of("target", "trainunit-broken", declaration.getSimpleName());
    List<Event> finished =
        EngineTestKit.engine("trainunit")
            .configurationParameter("trainunit.output.dir", output.toString())
            .configurationParameter("trainunit.report.quiet", "true")
            .selectors(selectMethod(declaration, check))
            .execute()
            .testEvents()
            .finished()
            .list();
    if (finished.size() != 1) {
      throw new AssertionError(
          "expected one finished check " + check + " of " + declaration + ", got " + finished);
    }
    TestExecutionResult result =
        finished.get(0).getPayload(TestExecutionResult.class).orElseThrow();
    if (result.getStatus() != TestExecutionResult.Status.FAILED) {
      throw new AssertionError(
          check + " of " + declaration.getName() + " did not fail: " + result.getStatus(),
          result.getThrowable().orElse(null));
    }
    return result.getThrowable().orElseThrow().getMessage();
  }
}

package dev.trainunit.examples.libraries;

import static org.assertj.core.api.Assertions.assertThat;
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

  /**
   * Asserts that {@code check} of {@code declaration} fails with {@code expected}, the message the
   * README quotes, up to what differs from run to run and machine to machine: decimals are compared
   * to 8 digits (a loss computed with {@code Math.log} or {@code Math.exp} may differ in its last
   * bit on another processor) and random UUIDs (DJL names its managers with them) not at all.
   */
  static void assertFailsWith(Class<?> declaration, String check, String expected) {
    assertThat(stable(failureOf(declaration, check))).isEqualTo(stable(expected));
  }

  private static String stable(String message) {
    return message
        .replaceAll("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}", "<uuid>")
        .replaceAll("(\\d\\.\\d{8})\\d+", "$1");
  }

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

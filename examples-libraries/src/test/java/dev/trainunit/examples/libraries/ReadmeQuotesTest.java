package dev.trainunit.examples.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module's README quotes each broken variant's failure; each broken variant's test holds the
 * engine to that message. This test holds the README to the same text, so that neither drifts.
 */
class ReadmeQuotesTest {

  static Stream<String> quotedMessages() {
    return Stream.of(
        WekaLearnerOnlyCheckpointTest.MESSAGE,
        TribuoWithoutInvocationCountTest.MESSAGE,
        Dl4jWithoutUpdaterStateTest.MESSAGE,
        DjlWithoutOptimizerStateTest.MESSAGE);
  }

  @ParameterizedTest
  @MethodSource("quotedMessages")
  void theReadmeQuotesTheMessage(String message) throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertThat(oneLine(readme)).contains(oneLine(message));
  }

  /** Markdown wraps lines: compare with every run of white space (and a quote's "> ") as one. */
  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\n>?\\s*", " ").replaceAll("\\s+", " ");
  }
}

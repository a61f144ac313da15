package dev.trainunit.engine.report;

import dev.trainunit.engine.check.DivergenceFailure;
import dev.trainunit.engine.run.Divergence;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the report draws under a failed comparison, as plain JSON-shaped data: where the two metric
 * streams part and both streams. It is taken from the {@link DivergenceFailure} when the check
 * fails, so that a report part can store it and another JVM can draw it; a Throwable could do
 * neither.
 *
 * @param iteration the training_iteration at which the streams part
 * @param metric the metric that parts, with a path into nested values ({@code "weights[3]"})
 * @param expected its value in the run taken as the truth (a value JSON cannot hold as its string
 *     form)
 * @param actual its value in the run under check (likewise)
 * @param expectedRun how the message names the expected run, e.g. "in the uninterrupted run"
 * @param actualRun how the message names the actual run, e.g. "after restore"
 * @param expectedStream the comparable results of the expected run
 * @param actualStream the comparable results of the actual run
 * @param firstIteration the training_iteration of the first element of each stream
 */
record Overlay(
    long iteration,
    String metric,
    Object expected,
    Object actual,
    String expectedRun,
    String actualRun,
    List<Map<String, Object>> expectedStream,
    List<Map<String, Object>> actualStream,
    long firstIteration) {

  /**
   * The overlay of {@code failure}; empty when it lost its divergence (Java deserialisation drops
   * it).
   */
  static Optional<Overlay> of(DivergenceFailure failure) {
    Divergence d = failure.divergence();
    if (d == null) return Optional.empty();
    return Optional.of(
        new Overlay(
            d.iteration(),
            d.metric(),
            PlainData.value(d.expected()),
            PlainData.value(d.actual()),
            failure.expectedRun(),
            failure.actualRun(),
            PlainData.results(failure.expectedStream()),
            PlainData.results(failure.actualStream()),
            failure.firstIteration()));
  }
}

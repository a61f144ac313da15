package dev.trainunit.engine.check;

import dev.trainunit.engine.run.Divergence;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * A comparison check's failure: two metric streams that should agree parted. Besides the message,
 * it carries where they parted and both streams, so that the HTML report can draw the expected and
 * the actual curve on one chart and mark the iteration at which they part.
 *
 * <p>The streams are the comparable results (see {@code run.Metrics#comparable}) of the two runs,
 * compared pairwise from their first elements; {@link #firstIteration()} is the training_iteration
 * of the first element of each (k+1 after a restore at iteration k, 1 for two runs from scratch).
 */
@API(status = API.Status.INTERNAL)
public final class DivergenceFailure extends AssertionFailedError {

  private static final long serialVersionUID = 1L;

  private final transient Divergence divergence;
  private final transient List<Map<String, Object>> expectedStream;
  private final transient List<Map<String, Object>> actualStream;
  private final long firstIteration;
  private final String expectedRun;
  private final String actualRun;

  DivergenceFailure(
      String message,
      Divergence divergence,
      String expectedRun,
      String actualRun,
      List<Map<String, Object>> expectedStream,
      List<Map<String, Object>> actualStream,
      long firstIteration) {
    super(message, divergence.expected(), divergence.actual());
    this.divergence = divergence;
    this.expectedRun = expectedRun;
    this.actualRun = actualRun;
    this.expectedStream = List.copyOf(expectedStream);
    this.actualStream = List.copyOf(actualStream);
    this.firstIteration = firstIteration;
  }

  /** Where the two runs part (null only after Java deserialisation, which drops it). */
  public Divergence divergence() {
    return divergence;
  }

  /** The comparable results of the run taken as the truth; empty when not handed over. */
  public List<Map<String, Object>> expectedStream() {
    return expectedStream == null ? List.of() : expectedStream;
  }

  /** The comparable results of the run under check; empty when not handed over. */
  public List<Map<String, Object>> actualStream() {
    return actualStream == null ? List.of() : actualStream;
  }

  /** The training_iteration of the first element of each stream. */
  public long firstIteration() {
    return firstIteration;
  }

  /** How the message names the expected run, e.g. "in the uninterrupted run". */
  public String expectedRun() {
    return expectedRun;
  }

  /** How the message names the actual run, e.g. "after restore". */
  public String actualRun() {
    return actualRun;
  }
}

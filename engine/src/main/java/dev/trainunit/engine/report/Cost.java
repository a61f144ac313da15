package dev.trainunit.engine.report;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * What the checks of one trainable and config cost: the step() calls they made (in this JVM and in
 * fresh ones), against the length of one run, and the wall time from the first check to the last.
 *
 * @param steps step() calls of every instance the checks started, fresh JVMs included
 * @param runLength step() calls of one run (the reference run's length); 0 when none was made
 * @param wallMillis wall-clock time of the config's checks
 */
@API(status = API.Status.INTERNAL)
public record Cost(long steps, int runLength, long wallMillis) {

  /** The steps as a multiple of one run, e.g. 7.4; 0 when no run was made. */
  public double multiple() {
    return runLength == 0 ? 0 : steps / (double) runLength;
  }

  /** "74 steps (7.4× the run), 3.2 s". */
  public String describe() {
    String multiple =
        runLength == 0 ? "" : String.format(Locale.ROOT, " (%.1f× the run)", multiple());
    return steps
        + " steps"
        + multiple
        + ", "
        + String.format(Locale.ROOT, "%.1f s", wallMillis / 1000.0);
  }
}

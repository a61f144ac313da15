package dev.trainunit.engine.run;

import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * Counts the step() calls the checks of one trainable and config make, in this JVM and in fresh
 * ones, so that what the catalogue costs is reported in the unit a model author pays in: steps.
 * Thread-safe: checks may run in parallel.
 */
@API(status = API.Status.INTERNAL)
public final class StepTally {

  private final LongAdder steps = new LongAdder();
  private final long startedNanos = System.nanoTime();

  /** {@code n} more step() calls, made by an instance or by a fresh JVM. */
  public void add(long n) {
    steps.add(n);
  }

  public long steps() {
    return steps.sum();
  }

  /** Wall-clock milliseconds since the tally began, with the config's checks. */
  public long elapsedMillis() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}

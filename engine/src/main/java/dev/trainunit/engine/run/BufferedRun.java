package dev.trainunit.engine.run;

import dev.trainunit.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The second run of a subject: a fresh instance driven through {@code trainBuffered} (batches of at
 * most {@value #CAP}) for as long as the reference run, with no checkpoint taken. One run answers
 * three questions: compared with the reference run it shows that two fresh instances agree
 * (determinism), that trainBuffered gives what repeated train() gives, and that taking checkpoints
 * does not change training (the reference run saved, this one did not).
 *
 * @param results every result of the batches, in order
 * @param violation the first rule of trainBuffered this run saw broken (an empty batch, a batch
 *     over its cap, a batch that went on after done, a zero-buffer call that did not return exactly
 *     one result); empty when none
 */
@API(status = API.Status.INTERNAL)
public record BufferedRun(List<Result> results, Optional<String> violation) {

  public static final int CAP = 3;

  /**
   * Buffer time long enough that only the cap and done end a batch: the run does not depend on
   * timing.
   */
  private static final Duration GENEROUS = Duration.ofMinutes(10);

  public BufferedRun {
    results = List.copyOf(results);
  }

  /**
   * The step() calls the run makes for a reference run of {@code length}: as many, and one with no
   * buffer time.
   */
  public static long plannedSteps(int length) {
    return length + 1L;
  }

  /**
   * Runs {@code driver} for {@code length} results, then once more with no buffer time, and stops
   * it.
   */
  static BufferedRun of(TrainableDriver driver, int length) {
    List<Result> all = new ArrayList<>();
    try {
      while (all.size() < length) {
        List<Result> batch = driver.trainBuffered(GENEROUS, Math.min(CAP, length - all.size()));
        Optional<String> broken = violation(batch);
        all.addAll(batch);
        if (broken.isPresent()) return new BufferedRun(all, broken);
        if (batch.get(batch.size() - 1).isDone()) return new BufferedRun(all, Optional.empty());
      }
      List<Result> single = driver.trainBuffered(Duration.ZERO, 100);
      if (single.size() != 1) {
        return new BufferedRun(
            all,
            Optional.of(
                "trainBuffered with no buffer time returned "
                    + single.size()
                    + " results; it must return exactly one"));
      }
      return new BufferedRun(all, Optional.empty());
    } finally {
      driver.stopQuietly();
    }
  }

  private static Optional<String> violation(List<Result> batch) {
    if (batch.isEmpty()) return Optional.of("trainBuffered returned no result");
    if (batch.size() > CAP)
      return Optional.of(
          "trainBuffered returned " + batch.size() + " results over a cap of " + CAP);
    for (int i = 0; i < batch.size() - 1; i++) {
      if (batch.get(i).isDone()) {
        return Optional.of(
            "trainBuffered went on after iteration "
                + batch.get(i).trainingIteration()
                + " reported done");
      }
    }
    return Optional.empty();
  }
}

package dev.trainunit.engine.check;

import dev.trainunit.Result;
import dev.trainunit.engine.run.TrainableDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code train-buffered}: {@code trainBuffered} yields the same results as repeated
 * {@code train()}, never returns an empty batch, respects its length cap and ends a batch at a
 * result that is done.
 */
public final class TrainBufferedCheck implements Check {

  static final int CAP = 3;

  @Override
  public String id() {
    return "train-buffered";
  }

  @Override
  public String description() {
    return "trainBuffered yields the same results as repeated train() and honours done and the length cap";
  }

  @Override
  public void run(CheckContext context) {
    int length = context.reference().length();
    TrainableDriver driver = context.start("buffered");
    List<Result> all = new ArrayList<>();
    while (all.size() < length) {
      // A generous buffer time, so that only the cap and done end a batch and the check is not timing-dependent.
      List<Result> batch = driver.trainBuffered(Duration.ofMinutes(10), Math.min(CAP, length - all.size()));
      if (batch.isEmpty()) throw Failures.failed("trainBuffered returned no result");
      if (batch.size() > CAP) throw Failures.failed("trainBuffered returned " + batch.size() + " results over a cap of " + CAP);
      for (int i = 0; i < batch.size() - 1; i++) {
        if (batch.get(i).isDone()) {
          throw Failures.failed("trainBuffered went on after iteration " + batch.get(i).trainingIteration() + " reported done");
        }
      }
      all.addAll(batch);
      if (batch.get(batch.size() - 1).isDone()) break;
    }
    List<Map<String, Object>> expected = context.referenceComparable();
    List<Map<String, Object>> actual = context.comparable(all);
    context.comparison().firstDivergence(expected, actual).ifPresent(d -> {
      throw Failures.diverged("running through trainBuffered", d, "with repeated train()", "with trainBuffered",
          LikelyCause.ofBufferedDiffering(context), expected, actual, 1);
    });
    List<Result> single = driver.trainBuffered(Duration.ZERO, 100);
    if (single.size() != 1) {
      throw Failures.failed("trainBuffered with no buffer time returned " + single.size() + " results; it must return exactly one");
    }
  }
}

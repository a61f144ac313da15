package dev.trainunit.engine.check;

import dev.trainunit.Result;
import dev.trainunit.engine.run.TrainableDriver;
import dev.trainunit.engine.run.TrialSubject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code determinism}: a second fresh instance with the same config gives the reference run's metrics exactly. */
public final class DeterminismCheck implements Check {

  @Override
  public String id() {
    return "determinism";
  }

  @Override
  public String description() {
    return "two fresh instances with the same config give identical metric streams";
  }

  @Override
  public Optional<String> skipReason(TrialSubject subject) {
    return subject.declaration().deterministic() ? Optional.empty()
        : Optional.of("@Trainable(deterministic = false): runs are not expected to agree");
  }

  @Override
  public void run(CheckContext context) {
    TrainableDriver second = context.start("determinism");
    List<Result> results = second.train(context.declaration().iterations());
    List<Map<String, Object>> expected = context.referenceComparable();
    List<Map<String, Object>> actual = context.comparable(results);
    context.comparison().firstDivergence(expected, actual).ifPresent(d -> {
      throw Failures.diverged("two fresh instances with the same config", d, "in the first run", "in the second",
          LikelyCause.ofFreshRunsDiffering(), expected, actual, 1);
    });
  }
}

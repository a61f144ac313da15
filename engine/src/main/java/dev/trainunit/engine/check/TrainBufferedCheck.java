package dev.trainunit.engine.check;

import dev.trainunit.engine.run.BufferedRun;
import dev.trainunit.engine.run.Divergence;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code train-buffered}: {@code trainBuffered} yields the same results as repeated {@code
 * train()}, never returns an empty batch, respects its length cap and ends a batch at a result that
 * is done.
 *
 * <p>The run judged is the shared buffered run (see {@code run.BufferedRun}), compared with the
 * reference run: no step of its own. When the two disagree, a plain run decides whose fault it is:
 * only when the plain run agrees with the reference run (and not with the buffered one) is
 * trainBuffered at fault; when the runs are not reproducible at all, that is {@code determinism}'s
 * verdict, and this check compares only the counters.
 */
final class TrainBufferedCheck implements Check {

  @Override
  public String id() {
    return "train-buffered";
  }

  @Override
  public String description() {
    return "trainBuffered yields the same results as repeated train() and honours done and the length cap";
  }

  @Override
  public boolean usesBufferedRun() {
    return true;
  }

  @Override
  public void run(CheckContext context) {
    BufferedRun run = context.subject().bufferedRun();
    run.violation()
        .ifPresent(
            v -> {
              throw Failures.failed(v);
            });
    List<Map<String, Object>> expected = context.referenceComparable();
    List<Map<String, Object>> actual = context.comparable(run.results());
    Optional<Divergence> d = context.comparison().firstDivergence(expected, actual);
    if (d.isEmpty()) return;
    List<Map<String, Object>> plain = context.comparable(context.subject().plainRun());
    if (context.comparison().firstDivergence(actual, plain).isEmpty())
      return; // checkpoints changed training: determinism says so
    if (context.comparison().firstDivergence(expected, plain).isPresent()) {
      // Not reproducible at all: only the counters can be compared.
      Optional<Divergence> counters =
          context.comparison().firstDivergence(Counters.only(expected), Counters.only(actual));
      context.report(
          "train-buffered",
          "compared counters only: two plain runs of this config differ (see determinism)");
      if (counters.isEmpty()) return;
      d = counters;
    }
    throw new ComparedRuns(
            "running through trainBuffered",
            "with repeated train()",
            expected,
            "with trainBuffered",
            actual,
            1)
        .failure(d.get(), LikelyCause.ofBufferedDiffering(context));
  }
}

package dev.trainunit.engine.check;

import dev.trainunit.engine.run.Divergence;
import dev.trainunit.engine.run.TrialSubject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code determinism}: a second fresh instance with the same config gives the reference run's
 * metrics exactly.
 *
 * <p>The second instance is the shared buffered run (see {@code run.BufferedRun}): it costs no step
 * of its own. It differs from the reference run in two ways besides being another instance — it is
 * driven through trainBuffered and takes no checkpoint — so when the two disagree a third, plain
 * run (train(), no checkpoint) tells the causes apart: it agrees with the reference run
 * (trainBuffered is at fault: the train-buffered check's verdict, not this one's), with the
 * buffered run (taking checkpoints changed training), or with neither (the runs are not
 * reproducible).
 */
final class DeterminismCheck implements Check {

  @Override
  public String id() {
    return "determinism";
  }

  @Override
  public String description() {
    return "two fresh instances with the same config give identical metric streams";
  }

  @Override
  public boolean usesBufferedRun() {
    return true;
  }

  @Override
  public Optional<String> skipReason(TrialSubject subject) {
    return subject.declaration().deterministic()
        ? Optional.empty()
        : Optional.of("@Trainable(deterministic = false): runs are not expected to agree");
  }

  @Override
  public void run(CheckContext context) {
    List<Map<String, Object>> reference = context.referenceComparable();
    List<Map<String, Object>> buffered =
        context.comparable(context.subject().bufferedRun().results());
    if (context.comparison().firstDivergence(reference, buffered).isEmpty()) {
      Set<String> runDependent = context.runDependentMetrics();
      if (!runDependent.isEmpty()) {
        context.report(
            "run-dependent-metrics",
            String.join(", ", runDependent)
                + " differ between two fresh runs while every other metric agrees: taken for figures"
                + " of the run (a throughput, a duration) and left out of every comparison; list them"
                + " in @Trainable(ignoreMetrics) to say so");
      }
      return;
    }

    List<Map<String, Object>> plain = context.comparable(context.subject().plainRun());
    Optional<Divergence> fromReference = context.comparison().firstDivergence(reference, plain);
    if (fromReference.isEmpty())
      return; // two plain runs agree: trainBuffered is at fault, for train-buffered to say
    if (context.comparison().firstDivergence(buffered, plain).isEmpty()) {
      throw new ComparedRuns(
              "a run that takes checkpoints (at iterations "
                  + context.reference().checkpoints().keySet()
                  + ") and one that takes none",
              "with checkpoints",
              reference,
              "without",
              plain,
              1)
          .failure(fromReference.get(), LikelyCause.ofSavesChangingTraining());
    }
    throw new ComparedRuns(
            "two fresh instances with the same config",
            "in the first run",
            reference,
            "in the second",
            plain,
            1)
        .failure(fromReference.get(), LikelyCause.ofFreshRunsDiffering());
  }
}

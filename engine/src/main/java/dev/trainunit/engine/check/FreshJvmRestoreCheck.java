package dev.trainunit.engine.check;

import dev.trainunit.engine.run.FreshJvm;
import dev.trainunit.engine.run.FreshJvmRequest;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code fresh-jvm-restore}: a checkpoint taken at iteration k in this JVM, restored in a new JVM
 * whose working directory is a new trial directory, continues exactly as the saved instance itself
 * continues. In-process restores cannot see state kept in static fields, or a checkpoint that holds
 * only a key into something that lives in memory; a new JVM has neither.
 *
 * <p>k is the middle one of the reference run's checkpoint iterations, and the checkpoint is the
 * reference run's own: the check's only steps are the new JVM's. The new JVM runs {@link
 * dev.trainunit.engine.run.FreshJvmMain}; both sides' results pass through the same JSON writer and
 * reader before they are compared. Skipped when {@code trainunit.fresh-jvm.enabled} is false.
 */
final class FreshJvmRestoreCheck implements Check {

  @Override
  public String id() {
    return "fresh-jvm-restore";
  }

  @Override
  public String description() {
    return "a checkpoint restored in a new JVM (working directory = a new trial dir) continues exactly like the uninterrupted run";
  }

  @Override
  public Set<String> tags() {
    return Set.of(CheckTags.CHECKPOINT, CheckTags.FRESH_JVM, CheckTags.SLOW);
  }

  /** The new JVM's continuation from the middle checkpoint. */
  @Override
  public long plannedSteps(CheckContext context) {
    ReferenceRun reference = context.reference();
    List<Integer> ks = Checkpoints.plannedIterations(reference);
    return ks.isEmpty() ? 0 : reference.length() - ks.get(ks.size() / 2);
  }

  @Override
  public Optional<String> skipReason(TrialSubject subject) {
    return subject.settings().freshJvmEnabled()
        ? Optional.empty()
        : Optional.of("trainunit.fresh-jvm.enabled=false: restoring in a new JVM is switched off");
  }

  @Override
  public void run(CheckContext context) {
    // Taken first, so that a JVM not started ahead boots while the reference run is made.
    try (FreshJvm jvm = context.subject().freshJvm()) {
      restoreIn(jvm, context);
    }
  }

  private void restoreIn(FreshJvm jvm, CheckContext context) {
    ReferenceRun reference = context.reference();
    int length = reference.length();
    int k = context.middleCheckpoint();
    context.requireMetricsThatRevealState(List.of(k));
    Path copy = context.copyOf(reference.checkpoint(k), "fresh-jvm-checkpoint");
    Path trialDir = jvm.trialDir();
    FreshJvmRequest request =
        new FreshJvmRequest(
            context.declaration().trainableClass().getName(),
            context.config().toJson(),
            copy,
            length - k,
            context.declaration().stepTimeout().toMillis(),
            ignoredInTheNewJvm(context),
            trialDir,
            jvm.trial().name(),
            jvm.trial().id(),
            jvm.ioDir().resolve("results.jsonl"));
    FreshJvm.Outcome outcome;
    try {
      outcome = jvm.run(request);
    } catch (FreshJvm.FreshJvmException e) {
      throw Failures.failed(
          "restoring the checkpoint taken at iteration "
              + k
              + " in a new JVM (working directory "
              + trialDir
              + ") failed",
          e);
    }
    context.subject().tally().add(outcome.results().size());
    context.report("fresh-jvm-trial-dir", trialDir.toString());
    context.report("fresh-jvm-ms", Long.toString(outcome.elapsed().toMillis()));
    if (outcome.restoredIteration() != k) {
      throw Failures.failed(
          "after restoring the checkpoint taken at iteration "
              + k
              + " in a new JVM, iteration() is "
              + outcome.restoredIteration()
              + ", expected "
              + k);
    }
    new ComparedRuns(
            "after restoring the checkpoint taken at iteration " + k + " in a new JVM",
            "in the uninterrupted run",
            FreshJvm.asJson(context.restrict(reference.after(k))),
            "in the new JVM",
            context.declaration().deterministic()
                ? outcome.results()
                : Counters.only(outcome.results()),
            k + 1)
        .requireSame(context.comparison(), () -> LikelyCause.ofFreshJvmRestoreDiffering(context));
  }

  /** The metrics the new JVM leaves out: those declared, and the figures of the run. */
  private static List<String> ignoredInTheNewJvm(CheckContext context) {
    Set<String> ignored = new TreeSet<>(context.declaration().ignoredMetrics());
    ignored.addAll(context.runDependentMetrics());
    return List.copyOf(ignored);
  }
}

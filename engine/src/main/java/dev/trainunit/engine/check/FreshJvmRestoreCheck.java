package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.Result;
import dev.trainunit.engine.run.FreshJvm;
import dev.trainunit.engine.run.FreshJvmRequest;
import dev.trainunit.engine.run.TrainableDriver;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code fresh-jvm-restore}: a checkpoint taken at iteration k in this JVM, restored in a new JVM
 * whose working directory is a new trial directory, continues exactly as the saved instance
 * itself continues. In-process restores cannot see state kept in static fields, or a checkpoint
 * that holds only a key into something that lives in memory; a new JVM has neither.
 *
 * <p>k is the middle one of the reference run's checkpoint iterations. The new JVM runs
 * {@link dev.trainunit.engine.run.FreshJvmMain}; both sides' results pass through the same JSON
 * writer and reader before they are compared. Skipped when {@code trainunit.fresh-jvm.enabled}
 * is false.
 */
public final class FreshJvmRestoreCheck implements Check {

  @Override
  public String id() {
    return "fresh-jvm-restore";
  }

  @Override
  public String description() {
    return "a checkpoint restored in a new JVM (working directory = a new trial dir) continues exactly like the uninterrupted run";
  }

  @Override
  public Optional<String> skipReason(TrialSubject subject) {
    return subject.settings().freshJvmEnabled() ? Optional.empty()
        : Optional.of("trainunit.fresh-jvm.enabled=false: restoring in a new JVM is switched off");
  }

  @Override
  public void run(CheckContext context) {
    // Taken first, so that a JVM not started ahead boots while this one trains and saves.
    try (FreshJvm.Spare jvm = context.subject().freshJvm()) {
      restoreIn(jvm, context);
    }
  }

  private void restoreIn(FreshJvm.Spare jvm, CheckContext context) {
    int length = context.reference().length();
    List<Integer> ks = context.reference().checkpointIterations();
    int k = ks.get(ks.size() / 2);

    TrainableDriver saved = context.start("fresh-jvm-saved");
    if (saved.train(k).size() < k) return; // the run ended (done) before k; the reference is shorter too
    Checkpoint checkpoint = saved.save();
    List<Result> uninterrupted = saved.train(length - k);

    Path copy = Checkpoints.copyTo(checkpoint.path(), context.newDirectory("fresh-jvm-checkpoint"));
    Path trialDir = jvm.trialDir();
    FreshJvmRequest request = new FreshJvmRequest(context.declaration().trainableClass().getName(),
        context.config().toJson(), copy, length - k, context.declaration().stepTimeout().toMillis(),
        List.copyOf(context.declaration().ignoredMetrics()), trialDir, jvm.trial().name(), jvm.trial().id(),
        jvm.ioDir().resolve("results.jsonl"));
    FreshJvm.Outcome outcome;
    try {
      outcome = FreshJvm.run(jvm, request);
    } catch (FreshJvm.FreshJvmException e) {
      throw Failures.failed("restoring the checkpoint taken at iteration " + k + " in a new JVM (working directory "
          + trialDir + ") failed: " + e.getMessage());
    }
    context.report("fresh-jvm-trial-dir", trialDir.toString());
    context.report("fresh-jvm-ms", Long.toString(outcome.elapsed().toMillis()));
    if (outcome.restoredIteration() != k) {
      throw Failures.failed("after restoring the checkpoint taken at iteration " + k + " in a new JVM, iteration() is "
          + outcome.restoredIteration() + ", expected " + k);
    }
    List<Map<String, Object>> expected = FreshJvm.asJson(context.comparable(uninterrupted));
    List<Map<String, Object>> actual = context.declaration().deterministic() ? outcome.results() : Counters.only(outcome.results());
    context.comparison().firstDivergence(expected, actual).ifPresent(d -> {
      throw Failures.diverged("after restoring the checkpoint taken at iteration " + k + " in a new JVM", d,
          "in the uninterrupted run", "in the new JVM", LikelyCause.ofFreshJvmRestoreDiffering(context), expected, actual, k + 1);
    });
  }
}

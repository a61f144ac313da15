package dev.trainunit.engine.check;

import dev.trainunit.Config;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrainableDriver;
import dev.trainunit.engine.run.TrialSubject;
import java.util.List;
import org.opentest4j.TestAbortedException;

/**
 * {@code reset-config}: after {@code reset(c2)} returns true, the instance behaves exactly like a
 * fresh one built with c2 — like the reference run of c2, which c2's own config container shares.
 * The c2 is the next declared config (so a population-based-training hyperparameter change is
 * exercised), or the same config when only one is declared. Aborted (shown as skipped) when {@code
 * resetConfig} returns false: Tune then builds a fresh instance.
 */
final class ResetConfigCheck implements Check {

  /**
   * Iterations the instance trains before it is reset: enough for optimizer state and whatever a
   * step builds lazily to exist, few enough to be cheap.
   */
  static final int TRAINED_BEFORE_RESET = 2;

  @Override
  public String id() {
    return "reset-config";
  }

  @Override
  public String description() {
    return "after reset(c2) returns true the instance behaves exactly like a fresh one built with c2";
  }

  /** A short prefix before the reset, then a whole run of the config reset to. */
  @Override
  public long plannedSteps(CheckContext context) {
    return Math.min(TRAINED_BEFORE_RESET, context.reference().length())
        + (long) nextSubject(context).reference().length();
  }

  private static TrialSubject nextSubject(CheckContext context) {
    return context
        .subject()
        .sibling((context.subject().configIndex() + 1) % context.declaration().configs().size());
  }

  @Override
  public void run(CheckContext context) {
    List<Config> configs = context.declaration().configs();
    int nextIndex = (context.subject().configIndex() + 1) % configs.size();
    Config next = configs.get(nextIndex);
    // Trained, not restored: reset-config judges resetConfig alone, whatever save and restore do.
    int k = Math.min(TRAINED_BEFORE_RESET, context.reference().length());
    TrainableDriver reused = context.start("reset");
    reused.train(k);
    if (!reused.reset(next)) {
      throw new TestAbortedException(
          "resetConfig returned false: "
              + context.trainableName()
              + " does not support reuse, so Tune builds a fresh instance for each config (nothing to check)");
    }
    if (reused.iteration() != 0) {
      throw Failures.failed(
          "after reset(), iteration() is " + reused.iteration() + "; it must start again from 0");
    }
    ReferenceRun fresh = nextSubject(context).reference();
    new ComparedRuns(
            "after " + k + " iterations and reset(" + next.toJson() + ") returning true",
            "in a fresh instance",
            context.restrict(fresh.comparable()),
            "in the reset instance",
            context.comparable(reused.train(fresh.length())),
            1)
        .requireSame(context.comparison(), () -> LikelyCause.ofResetDiffering(context));
  }
}

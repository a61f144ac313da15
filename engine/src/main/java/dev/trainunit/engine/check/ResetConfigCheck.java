package dev.trainunit.engine.check;

import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.engine.run.TrainableDriver;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * {@code reset-config}: after {@code reset(c2)} returns true, the instance behaves exactly like a
 * fresh one built with c2. The c2 is the next declared config (so a population-based-training
 * hyperparameter change is exercised), or the same config when only one is declared. Aborted
 * (shown as skipped) when {@code resetConfig} returns false: Tune then builds a fresh instance.
 */
public final class ResetConfigCheck implements Check {

  @Override
  public String id() {
    return "reset-config";
  }

  @Override
  public String description() {
    return "after reset(c2) returns true the instance behaves exactly like a fresh one built with c2";
  }

  @Override
  public void run(CheckContext context) {
    List<Config> configs = context.declaration().configs();
    Config next = configs.get((context.subject().configIndex() + 1) % configs.size());
    int iterations = context.declaration().iterations();
    int k = Math.max(1, context.reference().length() / 2);

    TrainableDriver reused = context.start("reset");
    reused.train(k);
    if (!reused.reset(next)) {
      throw new TestAbortedException("resetConfig returned false: " + context.trainableName()
          + " does not support reuse, so Tune builds a fresh instance for each config (nothing to check)");
    }
    if (reused.iteration() != 0) {
      throw Failures.failed("after reset(), iteration() is " + reused.iteration() + "; it must start again from 0");
    }
    List<Result> afterReset = reused.train(iterations);
    List<Result> fresh = context.start("fresh-for-reset", next).train(iterations);
    List<Map<String, Object>> expected = context.comparable(fresh);
    List<Map<String, Object>> actual = context.comparable(afterReset);
    context.comparison().firstDivergence(expected, actual).ifPresent(d -> {
      throw Failures.diverged("after " + k + " iterations and reset(" + next.toJson() + ") returning true", d,
          "in a fresh instance", "in the reset instance",
          LikelyCause.ofResetDiffering(context), expected, actual, 1);
    });
  }
}

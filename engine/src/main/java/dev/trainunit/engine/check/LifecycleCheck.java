package dev.trainunit.engine.check;

import dev.trainunit.Result;
import dev.trainunit.engine.run.LifecycleEnd;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.internal.JsonShape;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code lifecycle}: one run from setup to stop. training_iteration counts 1..N, the time totals
 * add up, every auto-filled metric is there and sane, no metric is NaN or infinite unless allowed,
 * every metric can be logged, stop() succeeds and refuses a second call, and train() after stop()
 * is refused.
 *
 * <p>The run judged is the shared reference run (see {@code run.ReferenceRun}): it costs no step of
 * its own.
 */
final class LifecycleCheck implements Check {

  static final List<String> AUTO_FILLED =
      List.of(
          Result.TRAINING_ITERATION,
          Result.TIME_THIS_ITER_S,
          Result.TIME_TOTAL_S,
          Result.TIME_SINCE_RESTORE,
          Result.ITERATIONS_SINCE_RESTORE,
          Result.TIMESTAMP,
          Result.DATE,
          Result.DONE,
          Result.TRIAL_ID,
          Result.PID,
          Result.HOSTNAME,
          Result.NODE_IP,
          Result.CONFIG);

  @Override
  public String id() {
    return "lifecycle";
  }

  @Override
  public String description() {
    return "training_iteration 1..N, consistent time totals, auto-filled metrics present and sane, "
        + "no NaN/infinite metric unless allowed, stop() calls cleanup once, train after stop refused";
  }

  @Override
  public void run(CheckContext context) {
    ReferenceRun run = context.reference();
    List<Result> results = run.results();
    double sum = 0;
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      long expectedIteration = i + 1;
      Map<String, Object> all = r.asMap();
      for (String key : AUTO_FILLED) {
        if (!all.containsKey(key))
          throw Failures.failed(
              "iteration " + expectedIteration + ": auto-filled metric '" + key + "' is missing");
      }
      if (r.trainingIteration() != expectedIteration) {
        throw Failures.failed(
            "iteration "
                + expectedIteration
                + ": training_iteration is "
                + r.trainingIteration()
                + ", expected "
                + expectedIteration
                + " — a training_iteration returned by step() overrides the framework's count; remove it");
      }
      if (r.iterationsSinceRestore() != expectedIteration) {
        throw Failures.failed(
            "iteration "
                + expectedIteration
                + ": iterations_since_restore is "
                + r.iterationsSinceRestore());
      }
      if (!(r.timeThisIterS() >= 0) || Double.isInfinite(r.timeThisIterS())) {
        throw Failures.failed(
            "iteration "
                + expectedIteration
                + ": time_this_iter_s is "
                + r.timeThisIterS()
                + "; it must be a finite number >= 0 (a time_this_iter_s returned by step() is used as is)");
      }
      sum += r.timeThisIterS();
      if (Math.abs(r.timeTotalS() - sum) > 1e-9 * Math.max(1, sum)) {
        throw Failures.failed(
            "iteration "
                + expectedIteration
                + ": time_total_s is "
                + r.timeTotalS()
                + " but the time_this_iter_s values add up to "
                + sum);
      }
      if (!context.config().asMap().equals(all.get(Result.CONFIG))) {
        throw Failures.failed(
            "iteration "
                + expectedIteration
                + ": config in the result is "
                + all.get(Result.CONFIG)
                + ", expected "
                + context.config().asMap());
      }
      String unserialisable = JsonShape.findUnserialisable("", r.metrics());
      if (unserialisable != null) {
        throw Failures.failed(
            "iteration "
                + expectedIteration
                + ": metric "
                + unserialisable
                + " cannot be logged to result.json; return numbers, strings, booleans, lists or maps");
      }
      String nonFinite = findNonFinite("", r.metrics(), context.declaration().allowNonFinite());
      if (nonFinite != null) {
        throw Failures.failed(
            "iteration "
                + expectedIteration
                + ": metric "
                + nonFinite
                + " — a diverging loss or a division by zero? If the metric may legitimately be non-finite, "
                + "list it in @Trainable(allowNonFinite)");
      }
      if (r.isDone() && i != results.size() - 1) {
        throw Failures.failed(
            "iteration " + expectedIteration + " reported done but the run went on");
      }
    }
    LifecycleEnd end = run.end();
    if (end.stopFailure().isPresent())
      throw Failures.failed("stop() failed", end.stopFailure().get());
    if (!end.secondStopRefused())
      throw Failures.failed("a second stop() was accepted; a stopped trainable must refuse it");
    if (!end.trainAfterStopRefused()) {
      throw Failures.failed(
          "train() after stop() was accepted; a stopped trainable must refuse it");
    }
    context.report("iterations", String.valueOf(results.size()));
  }

  /** The path and value of the first NaN or infinite number, or null. */
  static String findNonFinite(String path, Object value, Set<String> allowed) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
        if (allowed.contains(key)) continue;
        String bad = findNonFinite(key, e.getValue(), allowed);
        if (bad != null) return bad;
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String bad = findNonFinite(path + "[" + i + "]", list.get(i), allowed);
        if (bad != null) return bad;
      }
    } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return path + " is " + d;
    } else if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
      return path + " is " + f;
    }
    return null;
  }
}

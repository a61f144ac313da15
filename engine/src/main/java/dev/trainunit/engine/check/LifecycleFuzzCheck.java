package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.Result;
import dev.trainunit.engine.run.Divergence;
import dev.trainunit.engine.run.StepTimeoutException;
import dev.trainunit.engine.run.StreamComparison;
import dev.trainunit.engine.run.TrainableDriver;
import dev.trainunit.engine.run.TrialSubject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.io.file.PathUtils;

/**
 * {@code lifecycle-fuzz}: seeded random sequences of train, trainBuffered, save, restore (into a
 * fresh instance and into the current, already trained one, from older and newer checkpoints)
 * and reset (to the same config) agree with the reference run: every result at
 * training_iteration i equals the reference run's result i.
 *
 * <p>Sequences stay within the reference run's length. An operation that does not apply when it
 * comes (training past the reference run, restoring a checkpoint never taken, a reset that
 * {@code resetConfig} refuses) does nothing, so any sub-sequence of a sequence can be run, which
 * is what shrinking needs: a failing sequence is reduced, by removing operations while it still
 * fails, to a minimal one that the failure message shows. Sequence i of a run uses seed
 * {@code base + i * 0x9E3779B97F4A7C15}; the message gives the failing sequence's own seed, and
 * {@code -Dtrainunit.fuzz.seed=<it>} makes it the first sequence of the next run.
 *
 * <p>The bug only this check finds: a {@code loadCheckpoint} that adds to the current state
 * instead of replacing it, which restores a fresh instance perfectly.
 */
public final class LifecycleFuzzCheck implements Check {

  static final int MIN_OPS = 6;
  static final int MAX_OPS = 14;
  /** Sequence runs spent on shrinking one failure, at most. */
  static final int SHRINK_BUDGET = 200;
  static final long SEED_STEP = 0x9E3779B97F4A7C15L;
  private static final Duration BUFFER_TIME = Duration.ofMinutes(10);

  @Override
  public String id() {
    return "lifecycle-fuzz";
  }

  @Override
  public String description() {
    return "seeded random sequences of train / save / restore / reset / trainBuffered agree with the reference run; "
        + "a failure is shrunk to a minimal sequence and reports the seed that replays it";
  }

  @Override
  public void run(CheckContext context) {
    TrialSubject subject = context.subject();
    long base = subject.settings().fuzzSeed().orElse(defaultSeed(subject));
    int runs = subject.settings().fuzzRuns();
    List<Map<String, Object>> reference = context.referenceComparable();
    int length = reference.size();
    context.report("fuzz-seed", Long.toString(base));
    if (!context.declaration().deterministic()) {
      context.report("fuzz-compared", "counters only: @Trainable(deterministic = false)");
    }
    for (int i = 0; i < runs; i++) {
      long seed = base + i * SEED_STEP;
      List<Op> ops = generate(new Random(seed), length);
      Outcome outcome = new Sequence(context, reference, "fuzz-" + i).run(ops);
      if (outcome.failed()) {
        if (outcome.cause instanceof StepTimeoutException) {
          throw failure(i, runs, seed, ops.size(), outcome, context);
        }
        Shrunk shrunk = shrink(context, reference, i, ops.subList(0, outcome.failedAt + 1), outcome);
        throw failure(i, runs, seed, ops.size(), shrunk.outcome, context);
      }
    }
    context.report("fuzz-runs", Integer.toString(runs));
  }

  /** A seed of the trainable's own, the same in every run, so that failures reproduce without setting one. */
  static long defaultSeed(TrialSubject subject) {
    return subject.declaration().trainableClass().getName().hashCode() * 1_000_003L + subject.configIndex();
  }

  // ------------------------------------------------------------------ operations

  /** One step of a sequence. */
  sealed interface Op permits Train, Buffered, Save, Restore, Reset {}

  /** One train() call. */
  record Train() implements Op {}

  /** One trainBuffered() call capped at {@code cap} results. */
  record Buffered(int cap) implements Op {}

  /** save(), remembered as checkpoint #label. */
  record Save(int label) implements Op {}

  /** restore() of checkpoint #label into a fresh instance or into the current one. */
  record Restore(int label, boolean intoFresh) implements Op {}

  /** reset() to the same config. */
  record Reset() implements Op {}

  /** A random sequence whose operations all apply, simulating the iteration count as it goes. */
  static List<Op> generate(Random random, int length) {
    List<Op> ops = new ArrayList<>();
    int target = MIN_OPS + random.nextInt(MAX_OPS - MIN_OPS + 1);
    long iteration = 0;
    Map<Integer, Long> checkpoints = new HashMap<>();
    int nextLabel = 1;
    while (ops.size() < target) {
      int roll = random.nextInt(12);
      if (roll < 5 && iteration < length) {
        int n = (int) Math.min(1 + random.nextInt(3), length - iteration);
        for (int k = 0; k < n; k++) ops.add(new Train());
        iteration += n;
      } else if (roll < 6 && iteration < length) {
        int cap = (int) Math.min(1 + random.nextInt(3), length - iteration);
        ops.add(new Buffered(cap));
        iteration += cap;
      } else if (roll < 8 && iteration >= 1) {
        checkpoints.put(nextLabel, iteration);
        ops.add(new Save(nextLabel++));
      } else if (roll < 11 && !checkpoints.isEmpty()) {
        List<Integer> labels = new ArrayList<>(checkpoints.keySet());
        labels.sort(null);
        int label = labels.get(random.nextInt(labels.size()));
        ops.add(new Restore(label, random.nextBoolean()));
        iteration = checkpoints.get(label);
      } else if (roll == 11) {
        ops.add(new Reset());
        iteration = 0;
      }
    }
    return ops;
  }

  // ------------------------------------------------------------------ running a sequence

  /** What running a sequence gave: the operations as they happened, and where it failed, if it did. */
  static final class Outcome {
    final List<String> steps = new ArrayList<>();
    int failedAt = -1;
    String failure;
    Divergence divergence;
    Throwable cause;

    boolean failed() {
      return failedAt >= 0;
    }
  }

  /** Runs one sequence against fresh instances, comparing every result with the reference run. */
  private static final class Sequence {
    private final CheckContext context;
    private final List<Map<String, Object>> reference;
    private final String label;
    private final StreamComparison comparison;
    private final List<TrainableDriver> drivers = new ArrayList<>();
    private final Map<Integer, Checkpoint> checkpoints = new HashMap<>();
    private TrainableDriver current;
    private long iteration;

    Sequence(CheckContext context, List<Map<String, Object>> reference, String label) {
      this.context = context;
      this.reference = reference;
      this.label = label;
      this.comparison = context.comparison();
    }

    Outcome run(List<Op> ops) {
      Outcome outcome = new Outcome();
      try {
        current = start();
        for (int i = 0; i < ops.size(); i++) {
          String failure;
          try {
            failure = apply(ops.get(i), outcome);
          } catch (RuntimeException e) {
            outcome.cause = e;
            failure = "it threw " + e;
          }
          if (failure != null) {
            outcome.failedAt = i;
            outcome.failure = failure;
            return outcome;
          }
        }
        return outcome;
      } finally {
        for (TrainableDriver d : drivers) d.stopQuietly();
        // The trial directories of a passing sequence are of no interest; a failing one's are kept.
        if (!outcome.failed()) {
          for (TrainableDriver d : drivers) {
            try {
              PathUtils.deleteDirectory(d.logdir());
            } catch (IOException | RuntimeException ignored) {
              // best effort
            }
          }
        }
      }
    }

    private TrainableDriver start() {
      TrainableDriver d = context.subject().start(label + "-" + (drivers.size() + 1));
      drivers.add(d);
      iteration = 0;
      return d;
    }

    /** Applies one operation; returns why the sequence failed there, or null. */
    private String apply(Op op, Outcome outcome) {
      if (op instanceof Train) {
        if (iteration >= reference.size()) {
          outcome.steps.add("train (skipped: end of the reference run)");
          return null;
        }
        outcome.steps.add("train");
        return expect(current.train(), outcome);
      }
      if (op instanceof Buffered b) {
        int cap = (int) Math.min(b.cap(), reference.size() - iteration);
        if (cap <= 0) {
          outcome.steps.add("trainBuffered (skipped: end of the reference run)");
          return null;
        }
        outcome.steps.add("trainBuffered(max " + cap + ")");
        List<Result> results = current.trainBuffered(BUFFER_TIME, cap);
        if (results.isEmpty()) return "trainBuffered returned no result";
        for (Result r : results) {
          String failure = expect(r, outcome);
          if (failure != null) return failure;
        }
        return null;
      }
      if (op instanceof Save s) {
        if (iteration == 0) {
          outcome.steps.add("save#" + s.label() + " (skipped: nothing trained)");
          return null;
        }
        checkpoints.put(s.label(), current.save());
        outcome.steps.add("save#" + s.label() + " (iteration " + iteration + ")");
        return null;
      }
      if (op instanceof Restore r) {
        Checkpoint checkpoint = checkpoints.get(r.label());
        if (checkpoint == null) {
          outcome.steps.add("restore#" + r.label() + " (skipped: never saved)");
          return null;
        }
        String into;
        if (r.intoFresh()) {
          current = start();
          into = "into a fresh instance";
        } else {
          into = "into the " + (iteration > 0 ? "trained" : "current") + " instance (at iteration " + iteration + ")";
        }
        outcome.steps.add("restore#" + r.label() + " (iteration " + checkpoint.iteration() + ") " + into);
        current.restore(checkpoint.path());
        iteration = checkpoint.iteration();
        if (current.iteration() != iteration) {
          return "after the restore, iteration() is " + current.iteration() + ", expected " + iteration;
        }
        return null;
      }
      if (op instanceof Reset) {
        if (!current.reset(context.config())) {
          outcome.steps.add("reset (refused: resetConfig returned false)");
          return null;
        }
        outcome.steps.add("reset (same config)");
        iteration = 0;
        if (current.iteration() != 0) return "after reset() returned true, iteration() is " + current.iteration() + ", expected 0";
        return null;
      }
      throw new IllegalStateException("unknown operation " + op);
    }

    private String expect(Result result, Outcome outcome) {
      iteration++;
      Map<String, Object> expected = reference.get((int) iteration - 1);
      Map<String, Object> actual = context.comparable(List.of(result)).get(0);
      Optional<Divergence> d = comparison.compare(expected, actual);
      if (d.isEmpty()) return null;
      outcome.divergence = d.get();
      return d.get().describe("in the uninterrupted run", "in this sequence");
    }
  }

  // ------------------------------------------------------------------ shrinking and reporting

  private record Shrunk(List<Op> ops, Outcome outcome) {}

  /**
   * Delta debugging: removes chunks of operations (halves, then quarters, ... then single ones)
   * while the sequence still fails, and cuts it after the failing operation each time; then turns
   * each remaining trainBuffered into plain train() calls where the failure stays.
   */
  private static Shrunk shrink(CheckContext context, List<Map<String, Object>> reference, int run, List<Op> failing,
      Outcome failure) {
    List<Op> ops = new ArrayList<>(failing);
    Outcome outcome = failure;
    int budget = SHRINK_BUDGET;
    int attempt = 0;
    for (int chunk = Math.max(1, ops.size() / 2); chunk >= 1 && budget > 0; chunk /= 2) {
      boolean progress = true;
      while (progress && budget > 0) {
        progress = false;
        for (int start = 0; start < ops.size() && budget > 0; ) {
          List<Op> candidate = new ArrayList<>(ops.subList(0, start));
          candidate.addAll(ops.subList(Math.min(ops.size(), start + chunk), ops.size()));
          budget--;
          Outcome o = candidate.isEmpty() ? new Outcome()
              : new Sequence(context, reference, "fuzz-" + run + "-shrink-" + (++attempt)).run(candidate);
          if (o.failed() && !(o.cause instanceof StepTimeoutException)) {
            ops = new ArrayList<>(candidate.subList(0, o.failedAt + 1));
            outcome = o;
            progress = true;
          } else {
            start += chunk;
          }
        }
      }
    }
    // Then the simplest form of what is left: a trainBuffered that still fails as plain train() calls.
    for (int i = 0; i < ops.size() && budget > 0; i++) {
      if (!(ops.get(i) instanceof Buffered b)) continue;
      List<Op> candidate = new ArrayList<>(ops.subList(0, i));
      for (int n = 0; n < b.cap(); n++) candidate.add(new Train());
      candidate.addAll(ops.subList(i + 1, ops.size()));
      budget--;
      Outcome o = new Sequence(context, reference, "fuzz-" + run + "-shrink-" + (++attempt)).run(candidate);
      if (o.failed() && !(o.cause instanceof StepTimeoutException)) {
        ops = new ArrayList<>(candidate.subList(0, o.failedAt + 1));
        outcome = o;
      }
    }
    return new Shrunk(ops, outcome);
  }

  private static AssertionError failure(int run, int runs, long seed, int originalSize, Outcome outcome, CheckContext context) {
    String steps = render(outcome.steps);
    String message = "lifecycle-fuzz sequence " + (run + 1) + " of " + runs + " failed (seed " + seed
        + "; -Dtrainunit.fuzz.seed=" + seed + " replays it first). Minimal sequence ("
        + outcome.steps.size() + " of " + originalSize + " operations): " + steps + " → " + outcome.failure
        + " — " + likelyCause(outcome);
    if (outcome.divergence != null) {
      return new org.opentest4j.AssertionFailedError(message, outcome.divergence.expected(), outcome.divergence.actual());
    }
    return new org.opentest4j.AssertionFailedError(message, outcome.cause);
  }

  /** "train×3, save#1 (iteration 3), ..." — consecutive trains merged. */
  static String render(List<String> steps) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); ) {
      int j = i;
      while (j < steps.size() && steps.get(j).equals(steps.get(i))) j++;
      int n = j - i;
      out.add(n > 1 ? steps.get(i) + "×" + n : steps.get(i));
      i = j;
    }
    return String.join(", ", out);
  }

  private static String likelyCause(Outcome outcome) {
    boolean restoreIntoTrained = outcome.steps.stream().anyMatch(s -> s.startsWith("restore#") && s.contains("into the trained"));
    boolean reset = outcome.steps.stream().anyMatch(s -> s.startsWith("reset (same"));
    boolean restore = outcome.steps.stream().anyMatch(s -> s.startsWith("restore#") && !s.contains("skipped"));
    if (restoreIntoTrained) {
      return "loadCheckpoint must replace the current state, not add to it or keep parts of it: Tune restores into "
          + "instances that have already trained (population-based training does it all the time); assign every "
          + "field from the checkpoint, clear collections before filling them";
    }
    if (reset) {
      return "resetConfig returned true but kept state from before the reset: re-initialise weights, optimizer "
          + "state and RNGs from the config, as setup does";
    }
    if (restore) return SaveRestoreCheck.LIKELY_CAUSE;
    return "the results depend on how training was driven (train vs trainBuffered, when save was called): "
        + "save() and trainBuffered() must not change the training state";
  }
}

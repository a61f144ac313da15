package dev.trainunit.engine.check.fuzz;

import dev.trainunit.engine.check.fuzz.FuzzOperation.Buffered;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Reset;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Restore;
import dev.trainunit.engine.check.fuzz.FuzzOperation.RestoreRecorded;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Save;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Train;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apiguardian.api.API;

/**
 * Seeded random lifecycle-fuzz sequences: the same seed and reference length give the same
 * sequence.
 */
@API(status = API.Status.INTERNAL)
public final class FuzzSequenceGenerator {

  static final int MIN_OPS = 6;
  static final int MAX_OPS = 14;

  /** Most results one run of train() calls or one trainBuffered() asks for. */
  static final int MAX_BURST = 3;

  private FuzzSequenceGenerator() {}

  /**
   * A sequence with no recorded checkpoints and no step limit beyond the reference run's length.
   */
  public static List<FuzzOperation> generate(long seed, int referenceLength) {
    return generate(seed, referenceLength, List.of(), Long.MAX_VALUE);
  }

  /**
   * A sequence of operations that all apply when they come: it never trains past {@code
   * referenceLength} results, restores only checkpoints it saved or the reference run's ({@code
   * recorded}, by iteration), and makes at most {@code maxSteps} step() calls in all. It aims at
   * {@value #MIN_OPS} to {@value #MAX_OPS} operations; a run of train() calls that reaches the aim
   * is not cut short, so it may end up to {@code MAX_BURST - 1} longer; the step limit can end it
   * sooner.
   */
  public static List<FuzzOperation> generate(
      long seed, int referenceLength, List<Integer> recorded, long maxSteps) {
    Random random = new Random(seed);
    List<FuzzOperation> ops = new ArrayList<>();
    int target = MIN_OPS + random.nextInt(MAX_OPS - MIN_OPS + 1);
    // The iteration count is simulated so that every operation applies; shrinking may later make
    // some not apply.
    long iteration = 0;
    long steps = 0;
    Map<Integer, Long> checkpoints = new HashMap<>();
    int nextLabel = 1;
    // Without a step left no operation can show anything: a sequence ends with its last train.
    for (int attempts = 0;
        ops.size() < target && steps < maxSteps && attempts < 10 * MAX_OPS;
        attempts++) {
      int roll = random.nextInt(14);
      long left = Math.min(referenceLength - iteration, maxSteps - steps);
      if (roll < 5 && left > 0) {
        int n = (int) Math.min(1 + random.nextInt(MAX_BURST), left);
        for (int k = 0; k < n; k++) ops.add(new Train());
        iteration += n;
        steps += n;
      } else if (roll < 6 && left > 0) {
        int cap = (int) Math.min(1 + random.nextInt(MAX_BURST), left);
        ops.add(new Buffered(cap));
        iteration += cap;
        steps += cap;
      } else if (roll < 8 && iteration >= 1) {
        checkpoints.put(nextLabel, iteration);
        ops.add(new Save(nextLabel++));
      } else if (roll < 11 && !checkpoints.isEmpty()) {
        List<Integer> labels = new ArrayList<>(checkpoints.keySet());
        labels.sort(null);
        int label = labels.get(random.nextInt(labels.size()));
        ops.add(new Restore(label, random.nextBoolean()));
        iteration = checkpoints.get(label);
      } else if (roll < 13 && !recorded.isEmpty()) {
        int k = recorded.get(random.nextInt(recorded.size()));
        // into the current instance only once it has trained: restoring into a used instance is the
        // point
        ops.add(new RestoreRecorded(k, iteration == 0 || random.nextBoolean()));
        iteration = k;
      } else if (roll == 13) {
        ops.add(new Reset());
        iteration = 0;
      }
    }
    return ops;
  }

  /**
   * The sequence every fuzz run tries last, whatever the seed: each kind of operation once, in the
   * orders that break real trainables — a restore into a fresh instance and into one that has
   * trained (from the reference run's checkpoints when there are any, so that late iterations cost
   * no prefix), trainBuffered, a save restored into the instance that moved on, and a reset. It
   * makes at most six step() calls, so a small budget still covers every kind.
   */
  public static List<FuzzOperation> closing(List<Integer> recorded) {
    List<FuzzOperation> ops = new ArrayList<>();
    if (!recorded.isEmpty()) ops.add(new RestoreRecorded(recorded.get(0), true));
    ops.add(new Buffered(2));
    ops.add(new Save(1));
    ops.add(new Train());
    if (!recorded.isEmpty()) {
      ops.add(new RestoreRecorded(recorded.get(recorded.size() - 1), false));
      ops.add(new Train());
    }
    ops.add(new Restore(1, false));
    ops.add(new Train());
    ops.add(new Reset());
    ops.add(new Train());
    return ops;
  }

  /** The most step() calls {@code ops} make. */
  public static long steps(List<FuzzOperation> ops) {
    return ops.stream().mapToLong(FuzzOperation::steps).sum();
  }
}

package dev.trainunit.engine.check.fuzz;

import dev.trainunit.engine.check.fuzz.FuzzOperation.Buffered;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Reset;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Restore;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Save;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Train;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random lifecycle-fuzz sequences: the same seed and reference length give the same sequence. */
public final class FuzzSequenceGenerator {

  static final int MIN_OPS = 6;
  static final int MAX_OPS = 14;
  /** Most results one run of train() calls or one trainBuffered() asks for. */
  static final int MAX_BURST = 3;

  private FuzzSequenceGenerator() {}

  /**
   * A sequence of operations that all apply when they come: it never trains past
   * {@code referenceLength} results and restores only checkpoints it saved. It aims at
   * {@value #MIN_OPS} to {@value #MAX_OPS} operations; a run of train() calls that reaches the aim
   * is not cut short, so it may end up to {@code MAX_BURST - 1} longer.
   */
  public static List<FuzzOperation> generate(long seed, int referenceLength) {
    Random random = new Random(seed);
    List<FuzzOperation> ops = new ArrayList<>();
    int target = MIN_OPS + random.nextInt(MAX_OPS - MIN_OPS + 1);
    // The iteration count is simulated so that every operation applies; shrinking may later make some not apply.
    long iteration = 0;
    Map<Integer, Long> checkpoints = new HashMap<>();
    int nextLabel = 1;
    while (ops.size() < target) {
      int roll = random.nextInt(12);
      if (roll < 5 && iteration < referenceLength) {
        int n = (int) Math.min(1 + random.nextInt(MAX_BURST), referenceLength - iteration);
        for (int k = 0; k < n; k++) ops.add(new Train());
        iteration += n;
      } else if (roll < 6 && iteration < referenceLength) {
        int cap = (int) Math.min(1 + random.nextInt(MAX_BURST), referenceLength - iteration);
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
}

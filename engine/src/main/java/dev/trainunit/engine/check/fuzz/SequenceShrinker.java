package dev.trainunit.engine.check.fuzz;

import dev.trainunit.engine.check.fuzz.FuzzOperation.Buffered;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Train;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Delta debugging of a failing sequence within a budget of sequence runs: removes chunks of
 * operations (halves, then quarters, ... then single ones) while the sequence still fails, and cuts
 * it after the failing operation each time; then turns each remaining trainBuffered into plain
 * train() calls where the failure stays. A candidate that times out does not count as failing.
 */
@API(status = API.Status.INTERNAL)
public final class SequenceShrinker {

  /** Sequence runs spent on shrinking one failure, at most. */
  static final int BUDGET = 200;

  /** Runs a candidate sequence. */
  @FunctionalInterface
  public interface Attempt {
    /**
     * @param number 1 for the first candidate run while shrinking, 2 for the next, ...
     */
    SequenceOutcome run(List<FuzzOperation> candidate, int number);
  }

  /** The minimal sequence found and the outcome of its run. */
  public record Shrunk(List<FuzzOperation> ops, SequenceOutcome outcome) {}

  private final Attempt attempt;
  private final int budget;
  private int remaining;
  private int attempts;

  /** A shrinker that spends at most {@value #BUDGET} runs of {@code attempt} per failure. */
  public SequenceShrinker(Attempt attempt) {
    this(attempt, BUDGET);
  }

  SequenceShrinker(Attempt attempt, int budget) {
    this.attempt = attempt;
    this.budget = budget;
  }

  /**
   * @param failing a failing sequence, ending with the operation it failed at; {@code failure} its
   *     outcome
   */
  public Shrunk shrink(List<FuzzOperation> failing, SequenceOutcome failure) {
    remaining = budget;
    attempts = 0;
    List<FuzzOperation> ops = new ArrayList<>(failing);
    SequenceOutcome outcome = failure;
    for (int chunk = Math.max(1, ops.size() / 2); chunk >= 1 && remaining > 0; chunk /= 2) {
      boolean progress = true;
      while (progress && remaining > 0) {
        progress = false;
        for (int start = 0; start < ops.size() && remaining > 0; ) {
          List<FuzzOperation> candidate = new ArrayList<>(ops.subList(0, start));
          candidate.addAll(ops.subList(Math.min(ops.size(), start + chunk), ops.size()));
          SequenceOutcome o = tryRun(candidate);
          if (stillFails(o)) {
            ops = cutAfterFailure(candidate, o);
            outcome = o;
            progress = true;
          } else {
            start += chunk;
          }
        }
      }
    }
    // Then the simplest form of what is left: a trainBuffered that still fails as plain train()
    // calls.
    for (int i = 0; i < ops.size() && remaining > 0; i++) {
      if (!(ops.get(i) instanceof Buffered b)) continue;
      List<FuzzOperation> candidate = new ArrayList<>(ops.subList(0, i));
      for (int n = 0; n < b.cap(); n++) candidate.add(new Train());
      candidate.addAll(ops.subList(i + 1, ops.size()));
      SequenceOutcome o = tryRun(candidate);
      if (stillFails(o)) {
        ops = cutAfterFailure(candidate, o);
        outcome = o;
      }
    }
    return new Shrunk(ops, outcome);
  }

  // An empty sequence cannot fail; it costs budget but no run.
  private SequenceOutcome tryRun(List<FuzzOperation> candidate) {
    remaining--;
    return candidate.isEmpty() ? new SequenceOutcome() : attempt.run(candidate, ++attempts);
  }

  private static boolean stillFails(SequenceOutcome o) {
    return o.failed() && !o.timedOut();
  }

  private static List<FuzzOperation> cutAfterFailure(
      List<FuzzOperation> candidate, SequenceOutcome o) {
    return new ArrayList<>(candidate.subList(0, o.failedAt() + 1));
  }
}

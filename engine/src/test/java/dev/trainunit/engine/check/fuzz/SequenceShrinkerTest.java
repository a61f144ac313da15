package dev.trainunit.engine.check.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.check.fuzz.FuzzOperation.Buffered;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Reset;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Restore;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Save;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Train;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SequenceShrinkerTest {

  private static final Train TRAIN = new Train();

  /**
   * Fails like the appending-restore bug: a restore of checkpoint #1 into the current instance
   * after save#1.
   */
  private static final Predicate<List<FuzzOperation>> RESTORE_INTO_CURRENT =
      prefix ->
          prefix.contains(new Save(1))
              && prefix.indexOf(new Restore(1, false)) > prefix.indexOf(new Save(1));

  private static final List<FuzzOperation> NOISY =
      List.of(
          TRAIN,
          TRAIN,
          new Buffered(2),
          new Save(1),
          TRAIN,
          new Save(2),
          new Reset(),
          TRAIN,
          new Restore(2, true),
          TRAIN,
          new Restore(1, false),
          TRAIN,
          new Save(3),
          TRAIN);

  @Test
  void shrinksToTheMinimalFailingSubsequenceWithinTheBudget() {
    FakeRuns runs = new FakeRuns(RESTORE_INTO_CURRENT);
    List<FuzzOperation> failing = runs.failingPrefix(NOISY);

    SequenceShrinker.Shrunk shrunk =
        new SequenceShrinker(runs).shrink(failing, runs.run(failing, 0));

    assertThat(shrunk.ops()).containsExactly(new Save(1), new Restore(1, false));
    assertThat(shrunk.outcome().failedAt()).isEqualTo(1);
    assertThat(runs.count).isPositive().isLessThanOrEqualTo(SequenceShrinker.BUDGET);
  }

  @Test
  void aTrainBufferedThatStillFailsAsPlainTrainCallsBecomesThem() {
    FakeRuns runs = new FakeRuns(prefix -> results(prefix) >= 2);
    List<FuzzOperation> failing =
        runs.failingPrefix(List.of(new Reset(), new Buffered(2), new Save(1)));

    SequenceShrinker.Shrunk shrunk =
        new SequenceShrinker(runs).shrink(failing, runs.run(failing, 0));

    assertThat(shrunk.ops()).containsExactly(TRAIN, TRAIN);
  }

  @Test
  void stopsAtTheBudgetWithTheSmallestFailingSequenceFoundSoFar() {
    FakeRuns runs = new FakeRuns(RESTORE_INTO_CURRENT);
    List<FuzzOperation> failing = runs.failingPrefix(NOISY);

    SequenceShrinker.Shrunk shrunk =
        new SequenceShrinker(runs, 3).shrink(failing, runs.run(failing, 0));

    assertThat(runs.count).isEqualTo(3);
    assertThat(shrunk.ops().size()).isLessThanOrEqualTo(failing.size());
    assertThat(RESTORE_INTO_CURRENT.test(shrunk.ops())).isTrue();
    assertThat(shrunk.outcome().failed()).isTrue();
  }

  @Test
  void numbersTheAttemptsItRuns() {
    List<Integer> numbers = new ArrayList<>();
    FakeRuns runs = new FakeRuns(RESTORE_INTO_CURRENT);
    List<FuzzOperation> failing = runs.failingPrefix(NOISY);

    new SequenceShrinker(
            (candidate, number) -> {
              numbers.add(number);
              return runs.run(candidate, number);
            },
            5)
        .shrink(failing, runs.run(failing, 0));

    assertThat(numbers).containsExactly(1, 2, 3, 4, 5);
  }

  private static int results(List<FuzzOperation> ops) {
    int n = 0;
    for (FuzzOperation op : ops) {
      if (op instanceof Train) n++;
      if (op instanceof Buffered b) n += b.cap();
    }
    return n;
  }

  /**
   * Runs a sequence without a trainable: it fails at the first operation whose prefix satisfies the
   * predicate.
   */
  private static final class FakeRuns implements SequenceShrinker.Attempt {
    private final Predicate<List<FuzzOperation>> failsAfter;
    int count;

    FakeRuns(Predicate<List<FuzzOperation>> failsAfter) {
      this.failsAfter = failsAfter;
    }

    @Override
    public SequenceOutcome run(List<FuzzOperation> candidate, int number) {
      if (number > 0) count++;
      SequenceOutcome outcome = new SequenceOutcome();
      for (int i = 0; i < candidate.size(); i++) {
        outcome.step(candidate.get(i).name());
        if (failsAfter.test(candidate.subList(0, i + 1))) {
          outcome.fail(i, "fake failure");
          return outcome;
        }
      }
      return outcome;
    }

    List<FuzzOperation> failingPrefix(List<FuzzOperation> ops) {
      SequenceOutcome outcome = run(ops, 0);
      assertThat(outcome.failed()).as("the fake fails %s", ops).isTrue();
      return ops.subList(0, outcome.failedAt() + 1);
    }
  }
}

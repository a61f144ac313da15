package dev.trainunit.engine.check.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.check.fuzz.FuzzOperation.Buffered;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Reset;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Restore;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Save;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Train;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FuzzSequenceGeneratorTest {

  private static final int SEEDS = 500;

  @Test
  void theSameSeedGivesTheSameSequence() {
    Set<List<FuzzOperation>> distinct = new HashSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      List<FuzzOperation> ops = FuzzSequenceGenerator.generate(seed, 10);
      assertThat(FuzzSequenceGenerator.generate(seed, 10)).as("seed %d", seed).isEqualTo(ops);
      distinct.add(ops);
    }
    assertThat(distinct).as("different seeds, different sequences").hasSizeGreaterThan(SEEDS / 2);
  }

  @Test
  void lengthsStayWithinTheAimedRangePlusAnUnfinishedRunOfTrains() {
    for (int length : new int[] {1, 3, 10, 100}) {
      for (long seed = 0; seed < SEEDS; seed++) {
        assertThat(FuzzSequenceGenerator.generate(seed, length))
            .as("seed %d, length %d", seed, length)
            .hasSizeBetween(
                FuzzSequenceGenerator.MIN_OPS,
                FuzzSequenceGenerator.MAX_OPS + FuzzSequenceGenerator.MAX_BURST - 1);
      }
    }
  }

  @Test
  void everyOperationAppliesWhenItComes() {
    for (int length : new int[] {1, 3, 10}) {
      for (long seed = 0; seed < SEEDS; seed++) {
        String what = "seed " + seed + ", length " + length;
        long iteration = 0;
        Map<Integer, Long> saved = new HashMap<>();
        for (FuzzOperation op : FuzzSequenceGenerator.generate(seed, length)) {
          if (op instanceof Train) iteration++;
          if (op instanceof Buffered b) {
            assertThat(b.cap()).as(what).isPositive();
            iteration += b.cap();
          }
          if (op instanceof Save s) {
            assertThat(iteration).as(what + ": save after training").isPositive();
            saved.put(s.label(), iteration);
          }
          if (op instanceof Restore r) {
            assertThat(saved).as(what + ": restore of a saved checkpoint").containsKey(r.label());
            iteration = saved.get(r.label());
          }
          if (op instanceof Reset) iteration = 0;
          assertThat(iteration).as(what + ": within the reference run").isLessThanOrEqualTo(length);
        }
      }
    }
  }

  @Test
  void aStepLimitBoundsTheStepsAndRecordedCheckpointsAreTheOnlyOnesRestoredBesideTheSequencesOwn() {
    List<Integer> recorded = List.of(1, 5, 9);
    for (long maxSteps : new long[] {0, 1, 3, 7}) {
      for (long seed = 0; seed < SEEDS; seed++) {
        List<FuzzOperation> ops = FuzzSequenceGenerator.generate(seed, 10, recorded, maxSteps);
        assertThat(FuzzSequenceGenerator.steps(ops))
            .as("seed %d, limit %d", seed, maxSteps)
            .isLessThanOrEqualTo(maxSteps);
        ops.stream()
            .filter(FuzzOperation.RestoreRecorded.class::isInstance)
            .map(FuzzOperation.RestoreRecorded.class::cast)
            .forEach(r -> assertThat(recorded).contains(r.iteration()));
      }
    }
  }

  @Test
  void theClosingSequenceTriesEveryKindOfOperationWithinSixSteps() {
    List<FuzzOperation> closing = FuzzSequenceGenerator.closing(List.of(1, 5, 9));
    assertThat(closing)
        .extracting(op -> op.getClass().getSimpleName())
        .contains("Train", "Buffered", "Save", "Restore", "RestoreRecorded", "Reset");
    assertThat(closing)
        .anySatisfy(op -> assertThat(op).isEqualTo(new FuzzOperation.RestoreRecorded(9, false)));
    assertThat(FuzzSequenceGenerator.steps(closing)).isLessThanOrEqualTo(6);
  }
}

package dev.trainunit.engine.check.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.check.content.ObjectGraphs.Mismatch;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@link ObjectGraphs#firstDifference} reports for deserialized checkpoint graphs: pinned here
 * so that the walker it shares with the field comparison keeps its answers.
 */
class ObjectGraphsTest {

  static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    double[] weights;
    Map<String, Double> stats = new HashMap<>(64);
    List<Object> history = new ArrayList<>();
    transient double scratch;
    State next;
  }

  private static State state() {
    State s = new State();
    s.weights = new double[] {0.5, 0.25, Double.NaN};
    s.stats.put("x", 1.0);
    s.history.add("a");
    return s;
  }

  private static Optional<Mismatch> first(Object a, Object b) {
    return ObjectGraphs.firstDifference(a, b, "State");
  }

  @Test
  void equalStateIsNoDifferenceWhateverTheTableSizeNaNOrTransientScratch() {
    State a = state();
    State b = state();
    b.stats = new HashMap<>(b.stats); // rebuilt smaller, as HashMap.readObject does
    b.scratch = 7;
    assertThat(first(a, b)).isEmpty();
  }

  @Test
  void aPrimitiveArrayElementIsNamedWithItsIndexAndBothValues() {
    State a = state();
    State b = state();
    b.weights[1] = -0.0;
    assertThat(first(a, b)).contains(new Mismatch("State.weights[1]", "0.25", "-0.0"));
  }

  @Test
  void floatingPointIsComparedByBits() {
    assertThat(first(0.0, -0.0)).contains(new Mismatch("State", "0.0", "-0.0"));
    assertThat(first(Double.NaN, Double.NaN)).isEmpty();
  }

  @Test
  void arraysOfAnotherLengthSayBothLengths() {
    assertThat(first(new int[2], new int[3]))
        .contains(new Mismatch("State", "length 2", "length 3"));
  }

  @Test
  void aMapEntryIsNamedByItsKey() {
    State a = state();
    State b = state();
    b.stats.put("x", 2.0);
    assertThat(first(a, b)).contains(new Mismatch("State.stats.get(\"x\")", "1.0", "2.0"));
    b.stats.remove("x");
    b.stats.put("y", 1.0);
    assertThat(first(a, b)).contains(new Mismatch("State.stats.get(\"x\")", "1.0", "no such key"));
    b.stats.put("z", 1.0);
    assertThat(first(a, b)).contains(new Mismatch("State.stats", "1 entries", "2 entries"));
  }

  @Test
  void listsAreComparedInOrderAndSetsByContent() {
    State a = state();
    State b = state();
    b.history.add("b");
    assertThat(first(a, b)).contains(new Mismatch("State.history", "1 elements", "2 elements"));
    b.history.remove(1);
    b.history.set(0, 1);
    assertThat(first(a, b)).contains(new Mismatch("State.history[0]", "\"a\"", "1"));
    assertThat(first(new LinkedHashSet<>(List.of(1, 2)), new LinkedHashSet<>(List.of(2, 1))))
        .isEmpty();
    assertThat(first(Set.of(1, 2), Set.of(1, 3)))
        .contains(new Mismatch("State", "contains 2", "does not"));
  }

  @Test
  void cyclesEndAndSharingIsPartOfTheState() {
    State a = state();
    State b = state();
    a.next = a;
    b.next = b;
    assertThat(first(a, b)).isEmpty();
    State c = state();
    b.next = c;
    assertThat(first(a, b))
        .hasValueSatisfying(
            m -> {
              assertThat(m.path()).isEqualTo("State.next");
              assertThat(m.actual()).isEqualTo("a different object");
            });
  }

  @Test
  void sharingOnTheSecondSideOnlyIsADifferenceToo() {
    State shared = state();
    assertThat(first(List.of(state(), state()), List.of(shared, shared)))
        .hasValueSatisfying(
            m -> {
              assertThat(m.path()).isEqualTo("State[1]");
              assertThat(m.actual()).isEqualTo("a different object");
            });
  }

  /** A list whose elements cannot be read. */
  static final class BrokenList extends AbstractList<Integer> {
    @Override
    public Integer get(int index) {
      throw new IllegalStateException("no element today");
    }

    @Override
    public int size() {
      return 1;
    }
  }

  @Test
  void aCollectionThatThrowsIsNotComparableThereAndTheExceptionDoesNotEscape() {
    assertThat(first(List.of(1, new BrokenList()), List.of(1, new BrokenList())))
        .hasValueSatisfying(
            m -> {
              assertThat(m.path()).isEqualTo("State[1]");
              assertThat(m.expected()).endsWith("(not comparable)");
            });
  }

  @Test
  void jdkObjectsWithoutReadableFieldsAreComparedByTheirSerialForm() {
    assertThat(first(new Random(1), new Random(1))).isEmpty();
    assertThat(first(new Random(1), new Random(2)))
        .hasValueSatisfying(m -> assertThat(m.path()).isEqualTo("State"));
  }

  @Test
  void anObjectNothingCanTellApartIsNotComparable() {
    assertThat(first(new Object(), new Object()))
        .hasValueSatisfying(m -> assertThat(m.expected()).endsWith("(not comparable)"));
  }

  @Test
  void objectsOfDifferentClassesDiffer() {
    assertThat(first(List.of(new ArrayList<>()), List.of(new HashMap<>())))
        .contains(new Mismatch("State[0]", "ArrayList of 0", "HashMap of 0"));
  }

  @Test
  void deepLinkedStructuresDoNotOverflowTheStack() {
    State a = state();
    State b = state();
    State ta = a;
    State tb = b;
    for (int i = 0; i < 100_000; i++) {
      ta.next = state();
      tb.next = state();
      ta = ta.next;
      tb = tb.next;
    }
    tb.weights[0] = 1;
    assertThat(first(a, b))
        .hasValueSatisfying(m -> assertThat(m.path()).endsWith(".next.weights[0]"));
  }
}

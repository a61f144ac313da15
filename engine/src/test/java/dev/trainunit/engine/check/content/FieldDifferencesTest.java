package dev.trainunit.engine.check.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.engine.fixtures.BrokenMissingMomentum;
import dev.trainunit.engine.fixtures.WekaIncrementalLearner;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FieldDifferences} names the fields in which a restored trainable differs from the one that
 * saved, as a model author names them, and says how much; it leaves out what is not the model's
 * state, and never throws on what it cannot compare.
 */
class FieldDifferencesTest {

  @Test
  void aRealRestoreOfATrainableThatForgetsItsMomentumNamesTheVelocity(@TempDir Path dir) {
    BrokenMissingMomentum saved =
        TrainableFactory.create(
            BrokenMissingMomentum.class,
            Config.empty(),
            Trial.builder(dir.resolve("saved")).build());
    BrokenMissingMomentum restored =
        TrainableFactory.create(
            BrokenMissingMomentum.class,
            Config.empty(),
            Trial.builder(dir.resolve("restored")).build());
    for (int i = 0; i < 2; i++) saved.train();
    Checkpoint checkpoint = saved.save();
    restored.restore(checkpoint.path());
    FieldDifferences differences = FieldDifferences.between(saved, restored, Set.of());
    assertThat(differences.list()).extracting(FieldDifference::path).containsExactly("vw", "vb");
    assertThat(differences.render(2))
        .startsWith(
            "fields that differ right after restoring the checkpoint of iteration 2: vw (double, saved ")
        .contains(", restored 0.0), vb (double, saved ");
    saved.stop();
    restored.stop();
  }

  @Test
  void
      aCorrectlyRestoredWekaModelGivesNoDifferenceThoughItsSerialFormChangesAndAnUntrainedOneIsNamed(
          @TempDir Path dir) {
    for (String learner : List.of("sgd", "hoeffding")) {
      Config config = Config.parse("{\"learner\": \"" + learner + "\"}");
      WekaIncrementalLearner saved =
          TrainableFactory.create(
              WekaIncrementalLearner.class,
              config,
              Trial.builder(dir.resolve(learner + "-saved")).build());
      WekaIncrementalLearner restored =
          TrainableFactory.create(
              WekaIncrementalLearner.class,
              config,
              Trial.builder(dir.resolve(learner + "-restored")).build());
      WekaIncrementalLearner untrained =
          TrainableFactory.create(
              WekaIncrementalLearner.class,
              config,
              Trial.builder(dir.resolve(learner + "-untrained")).build());
      for (int i = 0; i < 3; i++) saved.train();
      restored.restore(saved.save().path());
      assertThat(FieldDifferences.between(saved, restored, Set.of()).list()).as(learner).isEmpty();
      assertThat(FieldDifferences.between(saved, untrained, Set.of()).list())
          .as(learner)
          .extracting(FieldDifference::path)
          .containsExactly("learner", "rng");
      for (WekaIncrementalLearner t : List.of(saved, restored, untrained)) t.stop();
    }
  }

  /** A model's RNG, a nested object of the author's own. */
  static final class Rng {
    long state = 42;

    /** Rebuilt from state after a restore. */
    long drawn;
  }

  /** A node of a ring: a cycle of the author's own objects. */
  static final class Node {
    int value;
    Node next;
  }

  /** The base class of a small model hierarchy: the walk goes up to AbstractTrainable. */
  abstract static class SgdBase extends AbstractTrainable {
    double[] velocity = {0.1, 0.2, 0.3, 0.4, 0.5};
    Rng rng = new Rng();

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  static final class Sgd extends SgdBase {
    static int instances;
    Map<String, Integer> counts = new HashMap<>(Map.of("a", 1, "b", 3));
    List<Double> history = new ArrayList<>(List.of(1.0, 0.75, 0.5));
    transient double[] scratch = new double[3];

    /** Rebuilt from the velocity after a restore. */
    double[] cache = new double[5];

    Random random = new Random(7);
    Node ring = ring();
    Object lock = new Object();

    Sgd() {
      instances++;
    }

    private static Node ring() {
      Node first = new Node();
      Node second = new Node();
      first.next = second;
      second.next = first;
      return first;
    }
  }

  private static List<String> rendered(FieldDifferences differences) {
    return differences.list().stream().map(FieldDifference::render).toList();
  }

  @Test
  void equalInstancesGiveNoDifference() {
    FieldDifferences differences = FieldDifferences.between(new Sgd(), new Sgd(), Set.of());
    assertThat(differences.list()).isEmpty();
    assertThat(differences.incomplete()).isEmpty();
    assertThat(differences.render(1))
        .isEqualTo("no field differs right after restoring the checkpoint of iteration 1");
  }

  @Test
  void eachDifferingFieldIsNamedWithItsTypeAndHowMuch() {
    Sgd saved = new Sgd();
    Sgd restored = new Sgd();
    restored.velocity[1] += 0.31;
    restored.velocity[3] -= 0.1;
    restored.rng.state = 17;
    restored.counts.put("b", 4);
    restored.history.set(2, 0.25);
    assertThat(rendered(FieldDifferences.between(saved, restored, Set.of())))
        .containsExactly(
            "counts (HashMap, first at .get(\"b\"): saved 3, restored 4)",
            "history (ArrayList, first at [2]: saved 0.5, restored 0.25)",
            "velocity (double[5], 2 differ, max |Δ| 0.31)",
            "rng.state (long, saved 42, restored 17)");
  }

  @Test
  void theRenderedLineNamesTheFieldsAfterTheCheckpointTheyWereRestoredFrom() {
    Sgd saved = new Sgd();
    Sgd restored = new Sgd();
    for (int i = 0; i < 5; i++) restored.velocity[i] = saved.velocity[i] * -0.5;
    restored.rng.state = 17;
    assertThat(FieldDifferences.between(saved, restored, Set.of()).render(1))
        .isEqualTo(
            "fields that differ right after restoring the checkpoint of iteration 1: "
                + "velocity (double[5], max |Δ| 0.75), rng.state (long, saved 42, restored 17)");
  }

  /** More fields than a message names. */
  static final class Wide extends AbstractTrainable {
    int f0, f1, f2, f3, f4, f5, f6, f7, f8, f9;

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  @Test
  void theLineNamesEightFieldsAndCountsTheRest() throws IllegalAccessException {
    Wide restored = new Wide();
    for (Field f : Wide.class.getDeclaredFields()) f.setInt(restored, 1);
    String line = FieldDifferences.between(new Wide(), restored, Set.of()).render(3);
    assertThat(line)
        .startsWith(
            "fields that differ right after restoring the checkpoint of iteration 3: f0 (int, saved 0, restored 1), ")
        .endsWith("f7 (int, saved 0, restored 1), and 2 more");
  }

  @Test
  void transientStaticSyntheticAndDerivedFieldsAreLeftOut() {
    Sgd saved = new Sgd();
    Sgd restored = new Sgd();
    restored.scratch[0] = 1;
    restored.cache[0] = 1;
    restored.rng.drawn = 5;
    assertThat(FieldDifferences.between(saved, restored, Set.of("cache", "rng.drawn")).list())
        .isEmpty();
    assertThat(rendered(FieldDifferences.between(saved, restored, Set.of())))
        .containsExactly(
            "cache (double[5], 1 differ, max |Δ| 1)", "rng.drawn (long, saved 0, restored 5)");

    GraphWalk.Opening opening =
        new TrainableRules(ClassOrigins.of(Sgd.class), Set.of()).open(Sgd.class);
    assertThat(opening)
        .isInstanceOfSatisfying(
            GraphWalk.ByFields.class,
            fields ->
                assertThat(fields.fields())
                    .extracting(Field::getName)
                    .containsExactly(
                        "counts", "history", "cache", "random", "ring", "lock", "velocity", "rng"));
  }

  @Test
  void theFrameworksStateIsNotTheModels(@TempDir Path dir) {
    // Other trials, other result logs, other counters and last results: none of it is named.
    Sgd saved =
        TrainableFactory.create(
            Sgd.class, Config.empty(), Trial.builder(dir.resolve("saved")).build());
    Sgd restored =
        TrainableFactory.create(
            Sgd.class,
            Config.parse("{\"lr\": 0.5}"),
            Trial.builder(dir.resolve("restored")).build());
    saved.train();
    saved.train();
    assertThat(FieldDifferences.between(saved, restored, Set.of()).list()).isEmpty();
    saved.stop();
    restored.stop();
  }

  /** An inner class: its synthetic this$0 points back at the trainable. */
  final class Inner {
    int value;
  }

  @Test
  void anInnerClassIsComparedWithoutItsSyntheticOuterReference() {
    GraphWalk.Opening opening =
        new TrainableRules(ClassOrigins.of(Sgd.class), Set.of()).open(Inner.class);
    assertThat(opening)
        .isInstanceOfSatisfying(
            GraphWalk.ByFields.class,
            fields ->
                assertThat(fields.fields()).extracting(Field::getName).containsExactly("value"));
  }

  @Test
  void aCycleOfTheModelsOwnObjectsEndsAndADifferenceInItIsNamedOnce() {
    Sgd saved = new Sgd();
    Sgd restored = new Sgd();
    assertThat(FieldDifferences.between(saved, restored, Set.of()).list()).isEmpty();
    restored.ring.next.value = 2;
    assertThat(rendered(FieldDifferences.between(saved, restored, Set.of())))
        .containsExactly("ring.next.value (int, saved 0, restored 2)");
  }

  @Test
  void aJdkObjectSuchAsRandomIsComparedThroughItsSerialForm() {
    Sgd saved = new Sgd();
    Sgd restored = new Sgd();
    assertThat(FieldDifferences.between(saved, restored, Set.of()).list()).isEmpty();
    restored.random.nextInt();
    assertThat(rendered(FieldDifferences.between(saved, restored, Set.of())))
        .containsExactly("random (Random, differs in its serial form)");
  }

  /** Fields holding other libraries' objects and objects nothing can compare. */
  static final class WithLibraries extends AbstractTrainable {
    ObjectNode meta = JsonNodeFactory.instance.objectNode().put("epochs", 3);
    Thread worker = new Thread(() -> {});
    Supplier<String> odd = oddSupplier();
    int steps;

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }

    /** A library object whose equals throws. */
    @SuppressWarnings("unchecked")
    private static Supplier<String> oddSupplier() {
      return (Supplier<String>)
          Proxy.newProxyInstance(
              Supplier.class.getClassLoader(),
              new Class<?>[] {Supplier.class},
              (proxy, method, args) -> {
                throw new IllegalStateException(method.getName() + " is not for you");
              });
    }
  }

  @Test
  void libraryObjectsAreComparedByTheirEqualsAndWhatNothingCanCompareIsListedLastWithoutThrowing() {
    WithLibraries saved = new WithLibraries();
    WithLibraries restored = new WithLibraries();
    restored.meta.put("epochs", 4);
    restored.steps = 9;
    FieldDifferences differences = FieldDifferences.between(saved, restored, Set.of());
    assertThat(differences.list())
        .extracting(FieldDifference::path)
        .containsExactly("meta", "steps", "worker", "odd");
    assertThat(differences.list())
        .extracting(FieldDifference::comparable)
        .containsExactly(true, true, false, false);
    assertThat(differences.list().get(0).render()).isEqualTo("meta (ObjectNode, differs)");
    assertThat(differences.list().get(2).render())
        .isEqualTo("worker (Thread, not comparable: java.lang.Thread is not Serializable)");
    assertThat(differences.list().get(3).amount())
        .startsWith(
            "not comparable: equals threw java.lang.IllegalStateException: equals is not for you;");

    restored.meta.put("epochs", 3);
    restored.steps = 0;
    assertThat(FieldDifferences.between(saved, restored, Set.of()).render(2))
        .isEqualTo(
            "no field that could be compared differs right after restoring the checkpoint of iteration 2: "
                + "worker (Thread, not comparable: java.lang.Thread is not Serializable), "
                + differences.list().get(3).render());
  }

  /** An enum of the model author's whose toString fails. */
  enum Mode {
    FAST,
    SLOW;

    @Override
    public String toString() {
      throw new UnsupportedOperationException("no name");
    }
  }

  /** A trainable with the odd enum in a field and as a map key. */
  static final class WithOddEnum extends AbstractTrainable {
    Mode mode = Mode.FAST;
    Map<Mode, Integer> perMode = new HashMap<>(Map.of(Mode.FAST, 1));

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  @Test
  void aValueWhoseToStringThrowsIsStillDescribedAndNothingEscapes() {
    WithOddEnum saved = new WithOddEnum();
    WithOddEnum restored = new WithOddEnum();
    restored.mode = Mode.SLOW;
    restored.perMode.put(Mode.FAST, 2);
    assertThat(rendered(FieldDifferences.between(saved, restored, Set.of())))
        .satisfiesExactly(
            mode ->
                assertThat(mode)
                    .startsWith(
                        "mode (Mode, saved "
                            + Mode.class.getName()
                            + " (its toString() threw "
                            + "java.lang.UnsupportedOperationException: no name)"),
            perMode ->
                assertThat(perMode)
                    .startsWith("perMode (HashMap, first at .get(dev.trainunit.")
                    .endsWith("): saved 1, restored 2)"));
  }

  /** A trainable holding many boxed values. */
  static final class Big extends AbstractTrainable {
    long position;
    List<Double> samples = new ArrayList<>();

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  @Test
  void theWalkStopsAfterItsBoundAndSaysSo() {
    Big saved = new Big();
    Big restored = new Big();
    for (int i = 0; i < 1_000; i++) {
      saved.samples.add((double) i);
      restored.samples.add((double) i);
    }
    FieldDifferences differences = FieldDifferences.between(saved, restored, Set.of(), 100);
    assertThat(differences.incomplete()).contains("the comparison stopped after 100 objects");
    assertThat(differences.render(1))
        .isEqualTo(
            "no field differs right after restoring the checkpoint of iteration 1"
                + " (the comparison stopped after 100 objects)");
    restored.position = 3;
    assertThat(FieldDifferences.between(saved, restored, Set.of(), 100).render(1))
        .isEqualTo(
            "fields that differ right after restoring the checkpoint of iteration 1: "
                + "position (long, saved 0, restored 3); the comparison stopped after 100 objects, so there may be more");
  }

  @Test
  void aCollectionIsOneFieldHoweverManyOfItsElementsDifferAndTheRestOfItIsNotWalked() {
    Big saved = new Big();
    Big restored = new Big();
    for (int i = 0; i < 1_000; i++) {
      saved.samples.add((double) i);
      restored.samples.add(-1.0 - i);
    }
    FieldDifferences differences = FieldDifferences.between(saved, restored, Set.of(), 100);
    assertThat(differences.incomplete()).isEmpty();
    assertThat(rendered(differences))
        .containsExactly("samples (ArrayList, first at [0]: saved 0.0, restored -1.0)");
  }

  @Test
  void aDeepLinkedStructureIsWalkedWithoutOverflowingTheStack() {
    Sgd saved = new Sgd();
    Sgd restored = new Sgd();
    Node a = saved.ring;
    Node b = restored.ring;
    for (int i = 0; i < 100_000; i++) {
      a.next = new Node();
      b.next = new Node();
      a = a.next;
      b = b.next;
    }
    b.value = 1;
    assertThat(FieldDifferences.between(saved, restored, Set.of(), 1_000_000).list())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.path())
                  .startsWith("ring.next.next")
                  .endsWith("next.value")
                  .hasSizeLessThan(130);
              assertThat(d.amount()).isEqualTo("saved 0, restored 1");
            });
  }

  @Test
  void aMissingKeyALengthAndASizeAreSaidAsSuch() {
    Sgd saved = new Sgd();
    Sgd restored = new Sgd();
    restored.counts.remove("a");
    restored.counts.put("c", 1);
    restored.history.add(0.1);
    restored.velocity = new double[6];
    assertThat(rendered(FieldDifferences.between(saved, restored, Set.of())))
        .containsExactly(
            "counts (HashMap, restored has no key \"a\")",
            "history (ArrayList, saved 3 elements, restored 4)",
            "velocity (double[], saved length 5, restored length 6)");
  }

  /** A model's RNG that keeps its state in the JDK's Random. */
  static final class CountingRandom extends Random {
    private static final long serialVersionUID = 1L;
    int draws;

    CountingRandom(long seed) {
      super(seed);
    }
  }

  /** A trainable whose RNG extends a JDK class. */
  static final class WithOwnRandom extends AbstractTrainable {
    CountingRandom rng = new CountingRandom(3);

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  @Test
  void anOwnClassThatKeepsStateInAJdkSuperclassIsComparedAsAWhole() {
    WithOwnRandom saved = new WithOwnRandom();
    WithOwnRandom restored = new WithOwnRandom();
    assertThat(FieldDifferences.between(saved, restored, Set.of()).list()).isEmpty();
    restored.rng
        .nextLong(); // the seed in java.util.Random moves; the subclass's own field does not
    assertThat(rendered(FieldDifferences.between(saved, restored, Set.of())))
        .containsExactly("rng (CountingRandom, differs in its serial form)");
  }

  @Test
  void objectsSharedOnOneSideOnlyAreADifference() {
    Sgd saved = new Sgd();
    Sgd restored = new Sgd();
    saved.cache =
        saved.velocity; // the saved instance caches its velocity array, the restored one a copy
    restored.cache = restored.velocity.clone();
    assertThat(rendered(FieldDifferences.between(saved, restored, Set.of())))
        .containsExactly(
            "velocity (double[5], saved shares the object with cache, restored does not)");
  }
}

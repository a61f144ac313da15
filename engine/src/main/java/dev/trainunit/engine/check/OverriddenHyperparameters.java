package dev.trainunit.engine.check;

import dev.trainunit.Config;
import dev.trainunit.engine.check.content.FieldDifference;
import dev.trainunit.engine.check.content.FieldDifferences;
import dev.trainunit.engine.check.content.FieldPaths;
import dev.trainunit.engine.check.content.PlainValuePaths;
import dev.trainunit.engine.run.TrainableDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Tells the two reasons apart for which a checkpoint of config A, restored under config B,
 * continues exactly like A although fresh runs of A and B differ: the checkpoint carries
 * hyperparameters that override B (the bug population-based training suffers: the perturbed
 * learning rate silently replaced by the exploited trial's), or the keys in which A and B differ
 * act only at setup (a seed, an initialisation scale), so the restored state makes them moot.
 *
 * <p>Metrics alone cannot tell these apart, so it looks at the instances: the fields in which a
 * fresh A and a fresh B instance differ right after setup are the ones the config sets; those that,
 * right after the restore under B, hold A's value came from the checkpoint. Then the
 * counterfactual: the same restore, with those fields set back to what B's setup gave them. If that
 * changes how training continues, the checkpoint's values override the config; if not, they are
 * never read again and nothing is wrong.
 */
final class OverriddenHyperparameters {

  /** What the instances showed. */
  sealed interface Finding {}

  /** Fields kept from A that change training when set to B's values: the bug. */
  record Overriding(List<String> fields) implements Finding {}

  /** Fields kept from A that training never reads again: harmless. */
  record Unread(List<String> fields) implements Finding {}

  /** The instances could not tell: why. */
  record Unknown(String why) implements Finding {}

  private final CheckContext context;
  private final Config a;
  private final Config b;
  private final Supplier<Path> checkpointCopy;

  /**
   * @param checkpointCopy a new copy of the checkpoint of A, for each instance restored from it
   */
  OverriddenHyperparameters(
      CheckContext context, Config a, Config b, Supplier<Path> checkpointCopy) {
    this.context = context;
    this.a = a;
    this.b = b;
    this.checkpointCopy = checkpointCopy;
  }

  /**
   * @param continuationOfA how A continues from the checkpoint, comparable
   */
  Finding judge(List<Map<String, Object>> continuationOfA) {
    Set<String> derived = context.declaration().derivedFields();
    TrainableDriver freshA = context.start("pbt-set-up-with-a", a);
    TrainableDriver freshB = context.start("pbt-set-up-with-b", b);
    TrainableDriver restored = context.start("pbt-restored-under-b", b);
    restored.restore(checkpointCopy.get());

    Set<String> setByConfig = paths(freshA.instance(), freshB.instance(), derived);
    Set<String> differFromA = paths(freshA.instance(), restored.instance(), derived);
    Set<String> differFromB = paths(freshB.instance(), restored.instance(), derived);
    List<String> keptFromA = new ArrayList<>();
    for (String path : setByConfig) {
      if (differFromB.contains(path) && !differFromA.contains(path)) keptFromA.add(path);
    }
    // Only a field that holds, verbatim, the value of a key in which the configs differ is taken
    // for a hyperparameter: state the config seeded at setup (an RNG that has not moved yet by
    // iteration k) also holds A's value after the restore, rightly, and setting it back changes
    // training too.
    Set<String> settable =
        keptFromA.stream()
            .filter(p -> holdsConfigValue(freshA.instance(), freshB.instance(), p))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    // A library keeps a learning rate inside its model (Smile's eta, a DL4J updater's), where the
    // field comparison stops at the field holding the model: look for A's values at any depth.
    for (String path : PlainValuePaths.holding(freshA.instance(), this::isValueOfADifferingKey)) {
      if (holdsConfigValue(freshA.instance(), freshB.instance(), path)
          && sameValue(
              FieldPaths.read(restored.instance(), path).orElse(null),
              FieldPaths.read(freshA.instance(), path).orElse(null))) {
        settable.add(path);
      }
    }
    if (settable.isEmpty()) {
      return new Unknown(
          keptFromA.isEmpty()
              ? "no field of the trainable holds config A's value right after the restore"
              : "the fields that hold config A's state right after the restore ("
                  + String.join(", ", keptFromA)
                  + ") hold no value of a key in which the configs differ");
    }
    List<String> described =
        settable.stream().map(p -> describe(p, freshA, freshB)).collect(Collectors.toList());

    TrainableDriver counterfactual = context.start("pbt-restored-under-b-set-back", b);
    counterfactual.restore(checkpointCopy.get());
    for (String path : settable) {
      if (!FieldPaths.copy(freshB.instance(), counterfactual.instance(), path)) {
        return new Unknown("field " + path + " cannot be set back to config B's value");
      }
    }
    List<Map<String, Object>> setBack =
        context.comparable(counterfactual.train(continuationOfA.size()));
    return context.comparison().firstDivergence(continuationOfA, setBack).isPresent()
        ? new Overriding(described)
        : new Unread(described);
  }

  private static Set<String> paths(Object x, Object y, Set<String> derived) {
    return FieldDifferences.between(x, y, derived).list().stream()
        .filter(FieldDifference::comparable)
        .map(FieldDifference::path)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * Whether the field holds, in the instance set up with A and in the one set up with B, the value
   * each config gives one and the same key, a key in which they differ: a plain value (a number, a
   * boolean, a string), so that it can be copied from one instance into another without sharing
   * state between them.
   */
  private boolean holdsConfigValue(Object setUpWithA, Object setUpWithB, String path) {
    Optional<Object> inA = FieldPaths.read(setUpWithA, path);
    Optional<Object> inB = FieldPaths.read(setUpWithB, path);
    if (inA.isEmpty() || inB.isEmpty()) return false;
    return differingValues().stream()
        .anyMatch(v -> sameValue(inA.get(), v.inA()) && sameValue(inB.get(), v.inB()));
  }

  private boolean isValueOfADifferingKey(Object value) {
    return differingValues().stream().anyMatch(v -> sameValue(value, v.inA()));
  }

  /** The values of one key in config A and config B. */
  private record KeyValues(Object inA, Object inB) {}

  /** The values of each key the two configs give different values. */
  private List<KeyValues> differingValues() {
    Map<String, Object> configB = b.asMap();
    List<KeyValues> differing = new ArrayList<>();
    a.asMap()
        .forEach(
            (key, valueA) -> {
              Object valueB = configB.get(key);
              if (valueB != null && !sameValue(valueA, valueB))
                differing.add(new KeyValues(valueA, valueB));
            });
    return differing;
  }

  /**
   * Equal as plain values: numbers by their double value (a float field by its float value, as a
   * library that keeps its learning rate in a float holds the config's 0.05), strings and booleans
   * as they are.
   */
  private static boolean sameValue(Object x, Object y) {
    if (x instanceof Float || y instanceof Float) {
      return x instanceof Number nx
          && y instanceof Number ny
          && Float.compare(nx.floatValue(), ny.floatValue()) == 0;
    }
    if (x instanceof Number nx && y instanceof Number ny) {
      return Double.compare(nx.doubleValue(), ny.doubleValue()) == 0;
    }
    return (x instanceof String || x instanceof Boolean) && x.equals(y);
  }

  /** {@code lr holds config A's 0.05 where config B sets 0.02}. */
  private static String describe(String path, TrainableDriver freshA, TrainableDriver freshB) {
    return path
        + " holds config A's "
        + FieldPaths.read(freshA.instance(), path).orElse("?")
        + " where config B sets "
        + FieldPaths.read(freshB.instance(), path).orElse("?");
  }
}

package dev.trainunit.engine.check.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The fields in which a trainable restored from a checkpoint differs from the instance that saved
 * it, compared right after the restore: what turns "state missing from saveCheckpoint?" into the
 * name of the field a model author forgot, for example {@code fields that differ right after
 * restoring the checkpoint of iteration 1: velocity (double[5], max |Δ| 0.31), rng.state (long,
 * saved 42, restored 17)}.
 *
 * <p>The comparison walks the fields of the trainable's class and its superclasses up to {@code
 * AbstractTrainable} (the framework's counters, loggers and trial are not the model's), into the
 * model author's own nested objects, and compares everything else by value: primitives, boxed
 * numbers, strings and enums exactly (floating point by its bits), arrays element by element, maps
 * and collections by content, objects of the JDK and of TrainUnit by their own {@code equals}, else
 * their serial form, and objects of other libraries by their own {@code equals}, else their fields,
 * reported at the field that holds them (see {@code ClassOrigins}, {@code TrainableRules}). Static,
 * transient and synthetic fields are left out, and so are the fields a model author declares
 * derived.
 *
 * <p>It is evidence, not a verdict: a field that nothing could compare is listed as not comparable
 * (after the fields that differ), never thrown about, and the walk of a big model stops after
 * {@value #MAX_OBJECTS} objects, saying so.
 */
@API(status = API.Status.INTERNAL)
public final class FieldDifferences {

  /** Objects compared at most: a big model's graph can hold millions of them. */
  static final long MAX_OBJECTS = 100_000;

  /** Differences collected at most; a message shows far fewer. */
  static final int MAX_LISTED = 1_000;

  /** Differences {@link #render(long)} names before it says how many more there are. */
  static final int SHOWN = 8;

  private final List<FieldDifference> differences;
  private final String incomplete;

  private FieldDifferences(List<FieldDifference> differences, String incomplete) {
    this.differences = List.copyOf(differences);
    this.incomplete = incomplete;
  }

  /**
   * Compares {@code restored}, just restored from a checkpoint, with {@code saved}, the instance
   * that saved it, field by field.
   *
   * @param derived fields left out, as field names or dotted paths from the trainable ({@code
   *     cache}, {@code net.scratch}): those the trainable rebuilds from others after a restore
   */
  public static FieldDifferences between(Object saved, Object restored, Set<String> derived) {
    return between(saved, restored, derived, MAX_OBJECTS);
  }

  /** As {@link #between(Object, Object, Set)}, comparing at most {@code maxObjects} objects. */
  static FieldDifferences between(
      Object saved, Object restored, Set<String> derived, long maxObjects) {
    Objects.requireNonNull(saved, "saved");
    Objects.requireNonNull(restored, "restored");
    List<FieldDifference> found = new ArrayList<>();
    TrainableRules rules = new TrainableRules(ClassOrigins.of(saved.getClass()), derived);
    GraphWalk.End end =
        GraphWalk.walk(
            saved,
            restored,
            GraphPath.root(""),
            rules,
            maxObjects,
            d -> {
              found.add(FieldWording.of(d));
              return found.size() < MAX_LISTED;
            });
    String incomplete =
        switch (end) {
          case FINISHED -> "";
          case STOPPED -> "the comparison stopped after " + MAX_LISTED + " differences";
          case OUT_OF_BUDGET -> "the comparison stopped after " + maxObjects + " objects";
        };
    // Fields that differ first: those that could not be compared must not push them out of a
    // message.
    found.sort(Comparator.comparing(f -> !f.comparable()));
    return new FieldDifferences(found, incomplete);
  }

  /** Each field that differs, in the order of the walk, then each that could not be compared. */
  public List<FieldDifference> list() {
    return differences;
  }

  /** Whether no field differs and none was beyond comparing. */
  public boolean isEmpty() {
    return differences.isEmpty();
  }

  /** Why there may be differences not listed: the walk stopped at its bound. */
  public Optional<String> incomplete() {
    return incomplete.isEmpty() ? Optional.empty() : Optional.of(incomplete);
  }

  /**
   * The one line a failure message takes, naming at most {@value #SHOWN} fields: {@code fields that
   * differ right after restoring the checkpoint of iteration 1: velocity (double[5], max |Δ| 0.31),
   * rng.state (long, saved 42, restored 17), and 3 more}.
   *
   * @param checkpointIteration the iteration the restored checkpoint was saved at
   */
  public String render(long checkpointIteration) {
    String when = "right after restoring the checkpoint of iteration " + checkpointIteration;
    boolean anyDiffers = differences.stream().anyMatch(FieldDifference::comparable);
    StringBuilder line =
        new StringBuilder(
            anyDiffers
                ? "fields that differ " + when + ": "
                : differences.isEmpty()
                    ? "no field differs " + when
                    : "no field that could be compared differs " + when + ": ");
    if (!differences.isEmpty()) {
      line.append(
          differences.stream()
              .limit(SHOWN)
              .map(FieldDifference::render)
              .collect(Collectors.joining(", ")));
      if (differences.size() > SHOWN)
        line.append(", and ").append(differences.size() - SHOWN).append(" more");
    }
    if (!incomplete.isEmpty())
      line.append(
          anyDiffers ? "; " + incomplete + ", so there may be more" : " (" + incomplete + ")");
    return line.toString();
  }

  @Override
  public String toString() {
    return differences.stream()
        .map(FieldDifference::render)
        .collect(Collectors.joining(", ", "FieldDifferences[", "]"));
  }
}

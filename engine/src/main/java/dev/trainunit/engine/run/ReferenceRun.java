package dev.trainunit.engine.run;

import dev.trainunit.Checkpoint;
import dev.trainunit.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apiguardian.api.API;

/**
 * The recorded, uninterrupted run that the checks of one trainable and config share: a fresh
 * instance trained for the declared iterations (or until a result is done), saving a checkpoint at
 * the {@linkplain #checkpointIterations(int) checkpoint iterations} as it goes, exporting the
 * declared formats at the end, then stopped. One run serves every check: save-restore and
 * fresh-jvm-restore continue from its checkpoints instead of training prefixes again, the
 * comparisons compare against its results, lifecycle judges its counters and its end, export-model
 * its export.
 *
 * @param results every result, in order
 * @param comparable what of each result runs must agree on
 * @param logdir the trial directory of the run (its result files are kept for the report)
 * @param checkpoints the checkpoints it took, by iteration; never restored in place (checks copy
 *     them)
 * @param saveFailure what a save threw: then the run was made again without saves, and the checks
 *     that need a checkpoint fail with this
 * @param end how its life ended
 * @param export what exportModel did, when export formats are declared
 */
@API(status = API.Status.INTERNAL)
public record ReferenceRun(
    List<Result> results,
    List<Map<String, Object>> comparable,
    Path logdir,
    SortedMap<Integer, Checkpoint> checkpoints,
    Optional<RuntimeException> saveFailure,
    LifecycleEnd end,
    Optional<ExportAttempt> export) {

  public ReferenceRun {
    results = List.copyOf(results);
    comparable = List.copyOf(comparable);
    checkpoints = new TreeMap<>(checkpoints);
  }

  /** Iterations the run made: fewer than declared when a result was done. */
  public int length() {
    return results.size();
  }

  /** The comparable results after iteration {@code k} (those of iterations k+1..end). */
  public List<Map<String, Object>> after(int k) {
    return comparable.subList(k, comparable.size());
  }

  /**
   * The checkpoint taken at iteration {@code k}.
   *
   * @throws IllegalStateException with the save's own failure when saving failed
   */
  public Checkpoint checkpoint(int k) {
    requireSaves();
    Checkpoint c = checkpoints.get(k);
    if (c == null)
      throw new IllegalArgumentException("the reference run took no checkpoint at iteration " + k);
    return c;
  }

  /**
   * The iterations at which it took a checkpoint that leaves at least one iteration to compare
   * after it.
   */
  public List<Integer> checkpointIterations() {
    requireSaves();
    return checkpoints.keySet().stream().filter(k -> k < length()).toList();
  }

  private void requireSaves() {
    if (saveFailure.isPresent()) {
      throw new IllegalStateException(
          "the reference run could not save a checkpoint: " + saveFailure.get().getMessage(),
          saveFailure.get());
    }
  }

  /**
   * Iterations at which a run of {@code iterations} takes its checkpoints: the first, one in the
   * middle and the last one that still leaves an iteration to compare. A run that ends early (a
   * result is done) keeps those it reached.
   */
  public static List<Integer> checkpointIterations(int iterations) {
    if (iterations <= 1) return List.of(1);
    return IntStream.of(1, Math.max(1, iterations / 2), iterations - 1).distinct().boxed().toList();
  }
}

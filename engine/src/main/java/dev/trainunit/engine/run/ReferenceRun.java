package dev.trainunit.engine.run;

import dev.trainunit.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The uninterrupted run every comparison is measured against: a fresh instance trained for the
 * declared iterations (or until a result is done) and stopped. Computed once per trainable and
 * config, shared by the checks.
 *
 * @param results every result, in order
 * @param comparable what of each result runs must agree on
 * @param logdir the trial directory of the run (its result files are kept for the report)
 */
public record ReferenceRun(List<Result> results, List<Map<String, Object>> comparable, Path logdir) {

  public ReferenceRun {
    results = List.copyOf(results);
    comparable = List.copyOf(comparable);
  }

  /** Iterations the run made: fewer than declared when a result was done. */
  public int length() {
    return results.size();
  }

  /** The comparable results after iteration {@code k} (those of iterations k+1..end). */
  public List<Map<String, Object>> after(int k) {
    return comparable.subList(k, comparable.size());
  }

  /** The comparable results of iterations from..to (1-based, inclusive). */
  public List<Map<String, Object>> between(int from, int to) {
    return comparable.subList(from - 1, to);
  }

  /**
   * Iterations at which the save-restore checks take a checkpoint: the first, one in the middle
   * and the last one that still leaves an iteration to compare.
   */
  public List<Integer> checkpointIterations() {
    return checkpointIterations(length());
  }

  /** The checkpoint iterations for a run of {@code length} iterations: 1, length/2 and length-1. */
  public static List<Integer> checkpointIterations(int length) {
    if (length <= 1) return List.of(1);
    return java.util.stream.IntStream.of(1, Math.max(1, length / 2), length - 1).distinct().boxed().toList();
  }
}

package dev.trainunit;

import dev.trainunit.internal.Json;
import dev.trainunit.internal.SafeJson;
import java.util.Map;

/**
 * How far a trainable has trained, as the counters of Tune's {@code Trainable}: advanced by every
 * {@code train()}, recorded by {@code save()}, put back by {@code restore()} (the since-restore
 * counters then start again from zero) and zeroed by a successful {@code reset()}. Immutable, so
 * that a {@link Result} can keep the counters of its own iteration.
 *
 * @param timestepsTotal {@link #ABSENT} until a step reports {@code timesteps_this_iter}
 * @param episodesTotal {@link #ABSENT} until a step reports {@code episodes_this_iter}
 */
record TrainingCounters(
    long iteration,
    double timeTotal,
    long timestepsTotal,
    long episodesTotal,
    long iterationsSinceRestore,
    double timeSinceRestore,
    long timestepsSinceRestore) {

  /** A total no step has reported: left out of results and stored as null in a checkpoint. */
  static final long ABSENT = Long.MIN_VALUE;

  /** Before the first iteration, and after a successful reset. */
  static final TrainingCounters START = new TrainingCounters(0, 0, ABSENT, ABSENT, 0, 0, 0);

  /**
   * The counters after one more iteration that took {@code timeThisIter} seconds and reported
   * {@code metrics}.
   */
  TrainingCounters after(double timeThisIter, Map<String, Object> metrics) {
    long timesteps = timestepsTotal;
    long timestepsSince = timestepsSinceRestore;
    if (metrics.get(Result.TIMESTEPS_THIS_ITER) instanceof Number n) {
      timesteps = (timesteps == ABSENT ? 0 : timesteps) + n.longValue();
      timestepsSince += n.longValue();
    }
    long episodes = episodesTotal;
    if (metrics.get(Result.EPISODES_THIS_ITER) instanceof Number n) {
      episodes = (episodes == ABSENT ? 0 : episodes) + n.longValue();
    }
    // What save() records, restore() must read back; restore() refuses a counter outside these
    // bounds, so the iteration that would take one there is refused instead.
    requireInBounds(Result.TIMESTEPS_THIS_ITER, metrics, timesteps);
    requireInBounds(Result.EPISODES_THIS_ITER, metrics, episodes);
    return new TrainingCounters(
        iteration + 1,
        timeTotal + timeThisIter,
        timesteps,
        episodes,
        iterationsSinceRestore + 1,
        timeSinceRestore + timeThisIter,
        timestepsSince);
  }

  private static void requireInBounds(String key, Map<String, Object> metrics, long total) {
    // The reported value is bounded too: a sum past Long.MAX_VALUE wraps, possibly onto ABSENT.
    boolean reportedInBounds =
        !(metrics.get(key) instanceof Number n)
            || (n.longValue() >= -Json.MAX_COUNTER && n.longValue() <= Json.MAX_COUNTER);
    if (!reportedInBounds || (total != ABSENT && (total < 0 || total > Json.MAX_COUNTER))) {
      throw new TrainableException(
          "step() reported "
              + key
              + " = "
              + metrics.get(key)
              + ", which takes its total to "
              + total
              + ", outside 0.."
              + Json.MAX_COUNTER
              + " (2^53 - 1); the iteration is not counted");
    }
  }

  /** The counters a checkpoint recorded; the since-restore counters start from zero. */
  static TrainingCounters restoredFrom(CheckpointMetadata m) {
    return new TrainingCounters(
        m.iteration(),
        m.timeTotalS(),
        m.timestepsTotal() == null ? ABSENT : m.timestepsTotal(),
        m.episodesTotal() == null ? ABSENT : m.episodesTotal(),
        0,
        0,
        0);
  }

  /**
   * What {@code save()} records: these counters, and {@code lastResult} (null before the first
   * iteration) without its config, with anything JSON cannot hold as its string form and anything
   * restore() could not read back as {@code "unloggable: <why>"}.
   */
  CheckpointMetadata toMetadata(Result lastResult) {
    Map<String, Object> last = Map.of();
    if (lastResult != null) {
      @SuppressWarnings("unchecked")
      // A member of the metadata's object: within the limits restore() reads the metadata with.
      Map<String, Object> copy = (Map<String, Object>) SafeJson.safeCopy(lastResult.asMap(), 1);
      copy.remove(Result.CONFIG);
      last = copy;
    }
    return new CheckpointMetadata(
        CheckpointMetadata.FORMAT_VERSION,
        iteration,
        timeTotal,
        timestepsTotal == ABSENT ? null : timestepsTotal,
        episodesTotal == ABSENT ? null : episodesTotal,
        last);
  }
}

package dev.trainunit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The rule of Tune's {@code train_buffered}: which consecutive results of {@code train()} go back
 * together.
 */
final class TrainBuffer {

  private TrainBuffer() {}

  /**
   * Calls {@code train} until {@code bufferTime} is spent, and returns every result: at least one,
   * and stops early after a result that is done or asks for a checkpoint, or after {@code
   * maxBufferLength} results.
   */
  static List<Result> collect(Supplier<Result> train, Duration bufferTime, int maxBufferLength) {
    Objects.requireNonNull(bufferTime, "bufferTime");
    if (maxBufferLength < 1) {
      throw new IllegalArgumentException(
          "maxBufferLength must be at least 1, was " + maxBufferLength);
    }
    long deadline = System.nanoTime() + bufferTime.toNanos();
    List<Result> results = new ArrayList<>();
    Result last;
    do {
      last = train.get();
      results.add(last);
    } while (!last.isDone()
        && !last.shouldCheckpoint()
        && results.size() < maxBufferLength
        && System.nanoTime() - deadline < 0);
    return results;
  }
}

package dev.trainunit.benchmarks.gate;

/** A JMH run of the interleaved mode failed, or left no results; the message says which and why. */
final class BenchmarkRunException extends Exception {

  BenchmarkRunException(String message) {
    super(message);
  }
}

package dev.trainunit.engine.run;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value computed at most once, by the first caller, while other callers wait for it; a
 * computation that throws a RuntimeException is not repeated either: every later caller gets the
 * same exception. That is what the checks sharing a subject need of what is costly to compute (a
 * whole reference run, a fact found by training): when it is broken, each check reports the same
 * cause instead of training a broken trainable again. An {@link Error} is not remembered.
 */
final class Once<T> {

  private T value;
  private RuntimeException failure;

  /** The value, computed by {@code computation} if no caller computed it before. */
  synchronized T get(Supplier<T> computation) {
    if (value == null && failure == null) {
      try {
        value = Objects.requireNonNull(computation.get(), "a computed value");
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) throw failure;
    return value;
  }

  /** The value if some caller computed it without failing; never computes it. */
  synchronized Optional<T> ifComputed() {
    return Optional.ofNullable(value);
  }
}

package dev.trainunit.engine.run;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A run that several checks of one subject use, made once, on first request, by whichever check
 * asks first (checks may run in parallel). When making it fails, every later request fails with
 * the same cause, so each dependent check reports it instead of re-running a broken trainable.
 */
final class Shared<T> {

  private final Supplier<T> make;
  private final Function<Throwable, RuntimeException> failure;
  private T value;
  private RuntimeException failed;

  /** @param failure wraps what making it threw, for every check that needed it */
  Shared(Supplier<T> make, Function<Throwable, RuntimeException> failure) {
    this.make = make;
    this.failure = failure;
  }

  synchronized T get() {
    if (value == null && failed == null) {
      try {
        value = make.get();
      } catch (RuntimeException | Error e) {
        failed = failure.apply(e);
      }
    }
    if (failed != null) throw failed;
    return value;
  }

  /** The value if some check already made it; never makes it. */
  synchronized Optional<T> ifMade() {
    return Optional.ofNullable(value);
  }
}

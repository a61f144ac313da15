package dev.trainunit.engine.check;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/** Builds check failures whose messages a model author can act on. */
final class Failures {

  private Failures() {}

  static AssertionFailedError failed(String message) {
    return new AssertionFailedError(message);
  }

  static AssertionFailedError failed(String message, Throwable cause) {
    return new AssertionFailedError(message + ": " + cause, cause);
  }

  /**
   * {@code e} and its causes in one line, outermost first, so that the root cause a model author
   * needs ({@code InvalidClassException ... serialVersionUID}) is in the message however deep a
   * library wrapped it.
   */
  static String withCauses(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e));
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(e);
    for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
      text.append("; caused by ").append(c);
    }
    return text.toString();
  }
}

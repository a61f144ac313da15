package dev.trainunit.engine.check;

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
}

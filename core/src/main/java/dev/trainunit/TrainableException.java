package dev.trainunit;

import org.apiguardian.api.API;

/**
 * Something went wrong running a trainable. The message names the trainable class and, where it
 * applies, the hook, file or key at fault; the original failure is kept as the cause.
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public class TrainableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TrainableException(String message) {
    super(message);
  }

  public TrainableException(String message, Throwable cause) {
    super(message, cause);
  }
}

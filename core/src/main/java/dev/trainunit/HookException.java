package dev.trainunit;

import org.apiguardian.api.API;

/**
 * A hook of the trainable ({@code setup}, {@code step}, {@code saveCheckpoint}, {@code
 * loadCheckpoint}, {@code resetConfig}, {@code cleanup}, {@code exportModel} or the constructor)
 * threw. {@link #getCause()} is exactly what it threw.
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public class HookException extends TrainableException {

  private static final long serialVersionUID = 1L;

  private final String trainableClass;
  private final String hook;

  public HookException(Class<?> trainableClass, String hook, String context, Throwable cause) {
    super(
        trainableClass.getName()
            + "."
            + hook
            + "() threw "
            + cause.getClass().getName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
            + (context == null || context.isEmpty() ? "" : " (" + context + ")"),
        cause);
    this.trainableClass = trainableClass.getName();
    this.hook = hook;
  }

  /** The fully qualified name of the trainable class whose hook failed. */
  public String trainableClass() {
    return trainableClass;
  }

  /** The hook that threw, as named in the Java API, for example {@code "saveCheckpoint"}. */
  public String hook() {
    return hook;
  }
}

package dev.trainunit.engine.discovery;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Calls a {@code configFactory} method within a time limit, on a daemon thread of its own, so that
 * a factory that blocks (on a lock, a download, a socket) makes its class an invalid declaration
 * instead of hanging discovery, and so {@code mvn test}, with no output.
 */
final class ConfigFactoryCall {

  private static final int SHOWN_FRAMES = 8;

  /** What the call gave: the value, or the problem that stands for it. */
  record Result(Object value, String problem) {}

  private ConfigFactoryCall() {}

  static Result call(Method method, Duration limit) {
    String name = method.getName();
    FutureTask<Object> task = new FutureTask<>(() -> method.invoke(null));
    Thread thread =
        new Thread(task, "trainunit-config-factory-" + method.getDeclaringClass().getSimpleName());
    thread.setDaemon(true);
    thread.start();
    try {
      return new Result(task.get(limit.toMillis(), TimeUnit.MILLISECONDS), null);
    } catch (TimeoutException e) {
      String stack = stack(thread);
      thread.interrupt();
      return new Result(
          null,
          "configFactory method "
              + name
              + "() did not return within "
              + limit
              + " (the step timeout; @Trainable(stepTimeout) or trainunit.step.timeout raise it);"
              + " it was interrupted. It was at:\n"
              + stack);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvocationTargetException ite) {
        return new Result(null, "configFactory method " + name + "() threw " + ite.getCause());
      }
      return new Result(null, "configFactory method " + name + "() cannot be called: " + cause);
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      return new Result(
          null, "interrupted while waiting for configFactory method " + name + "() to return");
    }
  }

  private static String stack(Thread thread) {
    return Arrays.stream(thread.getStackTrace())
        .limit(SHOWN_FRAMES)
        .map(frame -> "\tat " + frame)
        .collect(Collectors.joining("\n"));
  }
}

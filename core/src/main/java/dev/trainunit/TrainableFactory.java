package dev.trainunit;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Builds trainables the way Tune builds its actors: construct with the no-argument constructor,
 * bind the trial, then call {@code setup(config)}. Also answers the class-level questions Tune asks
 * before a trial starts ({@code default_resource_request}, {@code resource_help}).
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public final class TrainableFactory {

  private TrainableFactory() {}

  /**
   * A started trainable of {@code type} for {@code config}, running as {@code trial}.
   *
   * @throws TrainableException when the class cannot be instantiated (abstract, no no-argument
   *     constructor) — the message says which
   * @throws HookException when the constructor or {@code setup} throws
   */
  public static <T extends AbstractTrainable> T create(Class<T> type, Config config, Trial trial) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(trial, "trial");
    T trainable = instantiate(type);
    createTrialDirectory(trial, type);
    trainable.start(config, trial);
    return trainable;
  }

  private static void createTrialDirectory(Trial trial, Class<?> type) {
    try {
      Files.createDirectories(trial.logdir());
    } catch (IOException e) {
      throw new TrainableException(
          "cannot create trial directory " + trial.logdir() + " for " + type.getName(), e);
    }
  }

  /** Checks that {@code type} can be built, without building it; the reason when it cannot. */
  public static Optional<String> whyNotInstantiable(Class<?> type) {
    if (!AbstractTrainable.class.isAssignableFrom(type)) {
      return Optional.of(type.getName() + " does not extend " + AbstractTrainable.class.getName());
    }
    if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
      return Optional.of(
          type.getName() + " is abstract; TrainUnit needs a concrete class to build");
    }
    if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      return Optional.of(
          type.getName()
              + " is an inner (non-static) class; make it static so it can be built on its own");
    }
    try {
      type.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      return Optional.of(
          type.getName()
              + " has no no-argument constructor; the config is given to setup(Config), "
              + "not to the constructor");
    }
    return Optional.empty();
  }

  private static <T extends AbstractTrainable> T instantiate(Class<T> type) {
    whyNotInstantiable(type)
        .ifPresent(
            reason -> {
              throw new TrainableException(reason);
            });
    try {
      Constructor<T> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw new HookException(type, "<init>", "the no-argument constructor", e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new TrainableException("cannot construct " + type.getName() + ": " + e, e);
    }
  }

  /**
   * The resources a trial of {@code type} asks for, as Tune's {@code default_resource_request}: the
   * result of a {@code public static Resources defaultResourceRequest(Config)} method on the class,
   * or empty when it declares none (Tune then uses one CPU).
   */
  public static Optional<Resources> defaultResourceRequest(
      Class<? extends AbstractTrainable> type, Config config) {
    return invokeStatic(type, "defaultResourceRequest", Resources.class, config);
  }

  /**
   * How to configure the resources of {@code type}, as Tune's {@code resource_help}: the result of
   * a {@code public static String resourceHelp(Config)} method on the class, or an empty string.
   */
  public static String resourceHelp(Class<? extends AbstractTrainable> type, Config config) {
    return invokeStatic(type, "resourceHelp", String.class, config).orElse("");
  }

  private static <R> Optional<R> invokeStatic(
      Class<?> type, String name, Class<R> returnType, Config config) {
    Method method;
    try {
      method = type.getMethod(name, Config.class);
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
    if (!Modifier.isStatic(method.getModifiers())
        || !returnType.isAssignableFrom(method.getReturnType())) {
      throw new TrainableException(
          type.getName()
              + "."
              + name
              + "(Config) must be public static and return "
              + returnType.getSimpleName());
    }
    try {
      // As for the constructor in instantiate(): a public method of a private or package-private
      // nested class (the usual home of a trainable in a test) is otherwise refused with an
      // IllegalAccessException when the class lives outside dev.trainunit.
      method.setAccessible(true);
      return Optional.ofNullable(returnType.cast(method.invoke(null, config)));
    } catch (InvocationTargetException e) {
      throw new HookException(type, name, null, e.getCause());
    } catch (IllegalAccessException e) {
      throw new TrainableException("cannot call " + type.getName() + "." + name + "(Config)", e);
    }
  }
}

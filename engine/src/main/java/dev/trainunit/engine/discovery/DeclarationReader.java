package dev.trainunit.engine.discovery;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import dev.trainunit.annotations.Trainable;
import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.check.content.FieldPaths;
import dev.trainunit.engine.config.Durations;
import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.config.TrainableDeclaration;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Reads a {@code @Trainable} declaration and collects every problem with it, so that one bad class
 * reports all its mistakes at once.
 */
@API(status = API.Status.INTERNAL)
public final class DeclarationReader {

  /** {@code @Trainable.iterations()} when the declaration does not set it. */
  private static final int UNSET = -1;

  private final EngineSettings settings;
  private final CheckCatalog catalog;

  public DeclarationReader(EngineSettings settings, CheckCatalog catalog) {
    this.settings = settings;
    this.catalog = catalog;
  }

  /** Either a declaration or the problems that prevent one. */
  public sealed interface Outcome permits Valid, Invalid {}

  public record Valid(TrainableDeclaration declaration) implements Outcome {}

  public record Invalid(Class<?> testClass, List<String> problems) implements Outcome {
    public String message() {
      return "invalid @Trainable declaration on "
          + testClass.getName()
          + ": "
          + String.join("; ", problems);
    }
  }

  public Outcome read(Class<?> testClass) {
    Trainable annotation = testClass.getAnnotation(Trainable.class);
    List<String> problems = new ArrayList<>();
    Class<? extends AbstractTrainable> trainable = trainableClass(testClass, annotation, problems);

    int iterations =
        annotation.iterations() == UNSET
            ? settings.iterations().orElse(EngineSettings.DEFAULT_ITERATIONS)
            : annotation.iterations();
    if (iterations < 1) problems.add("iterations must be at least 1, was " + iterations);

    Duration stepTimeout = settings.stepTimeout();
    if (!annotation.stepTimeout().isEmpty()) {
      try {
        stepTimeout = Durations.parse(annotation.stepTimeout(), "stepTimeout");
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }

    List<Config> configs = configs(testClass, annotation, stepTimeout, problems);

    double tolerance = annotation.tolerance();
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      problems.add("tolerance must be a finite number >= 0, was " + tolerance);
    }

    Set<String> skipped = new LinkedHashSet<>(Arrays.asList(annotation.skip()));
    for (String id : skipped) {
      if (!catalog.ids().contains(id)) {
        problems.add("skip names unknown check '" + id + "'; known checks: " + catalog.ids());
      }
    }

    Set<String> derivedFields = new LinkedHashSet<>(Arrays.asList(annotation.derivedFields()));
    if (trainable != null) {
      for (String path : derivedFields) {
        FieldPaths.whyNotAField(trainable, path)
            .ifPresent(why -> problems.add("derivedFields: " + why));
      }
    }

    double stepBudget =
        annotation.stepBudget() == UNSET ? settings.stepBudget() : annotation.stepBudget();
    if (!(stepBudget >= 1) || Double.isInfinite(stepBudget)) {
      problems.add(
          "stepBudget must be a finite multiple of at least 1 (one run), was " + stepBudget);
    }

    if (!problems.isEmpty()) return new Invalid(testClass, problems);
    return new Valid(
        new TrainableDeclaration(
            testClass,
            trainable,
            iterations,
            configs,
            annotation.deterministic(),
            tolerance,
            skipped,
            annotation.skipReason(),
            Arrays.asList(annotation.exportFormats()),
            stepTimeout,
            Set.of(annotation.allowNonFinite()),
            Set.of(annotation.ignoreMetrics()),
            stepBudget,
            derivedFields,
            annotation.golden()));
  }

  private static Class<? extends AbstractTrainable> trainableClass(
      Class<?> testClass, Trainable annotation, List<String> problems) {
    Class<?> candidate;
    if (annotation.value() != void.class) {
      candidate = annotation.value();
    } else if (AbstractTrainable.class.isAssignableFrom(testClass)) {
      candidate = testClass;
    } else {
      problems.add(
          "the class does not extend "
              + AbstractTrainable.class.getName()
              + " and @Trainable names no trainable; write @Trainable(YourTrainable.class)");
      return null;
    }
    if (!AbstractTrainable.class.isAssignableFrom(candidate)) {
      problems.add(
          "@Trainable("
              + candidate.getName()
              + ".class) names a class that does not extend "
              + AbstractTrainable.class.getName());
      return null;
    }
    TrainableFactory.whyNotInstantiable(candidate).ifPresent(problems::add);
    return candidate.asSubclass(AbstractTrainable.class);
  }

  private static List<Config> configs(
      Class<?> testClass, Trainable annotation, Duration limit, List<String> problems) {
    List<Config> configs = new ArrayList<>();
    if (!annotation.configFactory().isEmpty()) {
      configsFromFactory(testClass, annotation.configFactory(), limit, configs, problems);
    } else {
      for (int i = 0; i < annotation.config().length; i++) {
        addParsed(annotation.config()[i], "config[" + i + "]", configs, problems);
      }
    }
    if (configs.isEmpty() && problems.isEmpty())
      problems.add("no config to test: give at least one");
    return configs;
  }

  private static void addParsed(
      Object value, String where, List<Config> into, List<String> problems) {
    if (value instanceof Config c) {
      into.add(c);
    } else if (value instanceof String json) {
      try {
        into.add(Config.parse(json));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    } else {
      problems.add(
          where
              + " is a "
              + (value == null ? "null" : value.getClass().getName())
              + "; a config is a Config or a JSON string");
    }
  }

  private static void configsFromFactory(
      Class<?> testClass, String name, Duration limit, List<Config> into, List<String> problems) {
    Method method;
    try {
      method = testClass.getDeclaredMethod(name);
    } catch (NoSuchMethodException e) {
      problems.add(
          "configFactory names " + name + "(), which " + testClass.getName() + " does not declare");
      return;
    }
    if (!Modifier.isStatic(method.getModifiers())) {
      problems.add("configFactory method " + name + "() must be static");
      return;
    }
    try {
      method.setAccessible(true);
    } catch (RuntimeException e) {
      problems.add("configFactory method " + name + "() cannot be called: " + e);
      return;
    }
    ConfigFactoryCall.Result call = ConfigFactoryCall.call(method, limit);
    if (call.problem() != null) {
      problems.add(call.problem());
      return;
    }
    Object produced = call.value();
    List<Object> values = new ArrayList<>();
    if (produced instanceof Collection<?> c) {
      values.addAll(c);
    } else if (produced != null && produced.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(produced); i++) values.add(Array.get(produced, i));
    } else {
      values.add(produced);
    }
    for (int i = 0; i < values.size(); i++) {
      addParsed(values.get(i), name + "()[" + i + "]", into, problems);
    }
  }
}

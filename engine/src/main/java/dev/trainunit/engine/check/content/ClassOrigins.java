package dev.trainunit.engine.check.content;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.annotations.Trainable;
import java.security.CodeSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells a trainable's own classes from the JDK's, TrainUnit's and other libraries': the field
 * comparison opens the first field by field, names their fields, and compares the others as a
 * whole. A class is the model author's when it comes from where the trainable's classes come from
 * (the same jar or classes directory); TrainUnit's when it is in a {@code dev.trainunit} package
 * and comes from one of TrainUnit's own jars (so {@code dev.trainunit.examples} and test fixtures
 * are the user's); the JDK's when the boot or platform loader defined it.
 */
final class ClassOrigins {

  private static final Set<Object> FRAMEWORK =
      originsOf(List.of(AbstractTrainable.class, Trainable.class, ClassOrigins.class));

  private final Set<Object> own;

  private ClassOrigins(Set<Object> own) {
    this.own = own;
  }

  /**
   * The origins of {@code trainable} and of its superclasses below the framework's and the JDK's.
   */
  static ClassOrigins of(Class<?> trainable) {
    Set<Object> own = new HashSet<>();
    for (Class<?> c = trainable; c != null && !isJdk(c) && !isFramework(c); c = c.getSuperclass())
      own.add(origin(c));
    return new ClassOrigins(own);
  }

  static boolean isJdk(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }

  static boolean isFramework(Class<?> type) {
    String pkg = type.getPackageName();
    return (pkg.equals("dev.trainunit") || pkg.startsWith("dev.trainunit."))
        && FRAMEWORK.contains(origin(type));
  }

  /** Whether {@code type} is one of the model author's classes, whose fields are named. */
  boolean isOwn(Class<?> type) {
    return !isJdk(type) && !isFramework(type) && own.contains(origin(type));
  }

  private static Set<Object> originsOf(List<Class<?>> classes) {
    Set<Object> origins = new HashSet<>();
    for (Class<?> c : classes) origins.add(origin(c));
    return origins;
  }

  /**
   * Where {@code type} was loaded from, as a string (a URL's equals would resolve host names); its
   * class loader when it has no code source (a proxy, a class defined at run time) or a security
   * manager keeps it from us.
   */
  private static Object origin(Class<?> type) {
    CodeSource source;
    try {
      source = type.getProtectionDomain().getCodeSource();
    } catch (SecurityException e) {
      source = null; // then the class loader tells the origins apart, less finely
    }
    if (source != null && source.getLocation() != null) return source.getLocation().toString();
    ClassLoader loader = type.getClassLoader();
    return loader != null ? loader : "the boot class loader";
  }
}

package dev.trainunit.engine;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads a few test classes afresh, in a class loader of their own, so that their statics start
 * unset whatever other tests in this JVM did with the ordinary copies: a fresh class-loading
 * situation without a JVM of its own. Only the named classes (and their nested classes) are loaded
 * here; everything else comes from the test class path as usual.
 */
final class IsolatedClasses extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  private final Set<String> own;

  private IsolatedClasses(URL location, Set<String> own) {
    super(new URL[] {location}, IsolatedClasses.class.getClassLoader());
    this.own = own;
  }

  /** A new loader holding fresh copies of {@code classes}; returns the copy of the first. */
  static Class<?> load(Class<?>... classes) {
    Set<String> names =
        Stream.of(classes).map(Class::getName).collect(Collectors.toUnmodifiableSet());
    try {
      URL location = classes[0].getProtectionDomain().getCodeSource().getLocation();
      return Class.forName(classes[0].getName(), true, new IsolatedClasses(location, names));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot reload " + classes[0].getName(), e);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!isOwn(name)) return super.loadClass(name, resolve);
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) c = findClass(name);
      if (resolve) resolveClass(c);
      return c;
    }
  }

  private boolean isOwn(String name) {
    int nested = name.indexOf('$');
    return own.contains(nested < 0 ? name : name.substring(0, nested));
  }

  /** The copy of {@code original} in the loader of {@code sibling}. */
  static Class<?> sibling(Class<?> sibling, Class<?> original) {
    try {
      return Class.forName(original.getName(), false, sibling.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "no copy of " + original.getName() + " beside " + sibling.getName(), e);
    }
  }
}

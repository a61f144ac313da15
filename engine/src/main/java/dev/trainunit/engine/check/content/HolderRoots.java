package dev.trainunit.engine.check.content;

import dev.trainunit.engine.check.content.Holders.Kind;
import dev.trainunit.engine.check.content.StrongReach.Root;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where something that outlives a trial can hold a trainable instance, as roots of a {@link
 * StrongReach} walk: the static fields of the classes its code names ({@link NamedClasses}), the
 * JVM's shutdown hooks, and the live threads (a thread's {@code ThreadLocal} values hang off the
 * thread).
 *
 * <p>The hooks and the threads' own fields are private to {@code java.lang}, which {@code
 * java.base} opens only to a run started with {@code --add-opens java.base/java.lang=ALL-UNNAMED};
 * without it the threads are still walked (a subclass of {@link Thread} has fields of its own) and
 * what could not be looked at is said in {@link #notInspected()}.
 */
final class HolderRoots {

  private static final String HOOKS_CLASS = "java.lang.ApplicationShutdownHooks";

  private final List<Root> roots = new ArrayList<>();
  private final List<String> notInspected = new ArrayList<>();
  private int classes;
  private int hooks = -1;
  private int threads = -1;

  private HolderRoots() {}

  /** The roots of {@code trainable}: static fields, and shutdown hooks and threads if asked. */
  static HolderRoots of(Class<?> trainable, boolean hooksAndThreads) {
    HolderRoots r = new HolderRoots();
    r.staticFields(NamedClasses.of(trainable));
    if (hooksAndThreads) {
      r.shutdownHooks();
      r.liveThreads();
    }
    return r;
  }

  List<Root> roots() {
    return roots;
  }

  /** The classes whose static fields are roots. */
  int classes() {
    return classes;
  }

  /** The shutdown hooks walked from; -1 when they could not be read (or were not asked for). */
  int hooks() {
    return hooks;
  }

  /** The live threads walked from; -1 when not asked for. */
  int threads() {
    return threads;
  }

  /** What could not be inspected, and why: "the shutdown hooks (module java.base ...)". */
  List<String> notInspected() {
    return notInspected;
  }

  /**
   * Reading a static field initializes its class, if nothing had: a class the trainable's code
   * names but never ran. That runs only here, once the instance has been found still reachable, so
   * it cannot turn a pass into a failure.
   */
  private void staticFields(List<Class<?>> named) {
    List<String> failed = new ArrayList<>();
    for (Class<?> c : named) {
      classes++;
      Field[] fields;
      try {
        fields = c.getDeclaredFields();
      } catch (LinkageError e) {
        failed.add(c.getName() + " (" + e + ")");
        continue;
      }
      for (Field f : fields) {
        if (!Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
        String field = c.getName() + "." + f.getName();
        if (!f.trySetAccessible()) {
          failed.add(field + " (" + c.getModule() + " does not open " + c.getPackageName() + ")");
          continue;
        }
        try {
          Object value = f.get(null);
          if (value != null)
            roots.add(new Root(Kind.STATIC_FIELD, "static field " + field, shortName(c, f), value));
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
          failed.add(field + " (" + e + ")");
        }
      }
    }
    if (!failed.isEmpty()) {
      notInspected.add(
          failed.size()
              + (failed.size() == 1 ? " static field" : " static fields")
              + " that could not be read, e.g. "
              + failed.get(0));
    }
  }

  /** {@code Registry.LISTENERS}; a nested class keeps its outer class's name. */
  private static String shortName(Class<?> c, Field f) {
    String name = c.getName();
    return name.substring(name.lastIndexOf('.') + 1) + "." + f.getName();
  }

  private void shutdownHooks() {
    Class<?> hooksClass;
    Field hooksField;
    try {
      hooksClass = Class.forName(HOOKS_CLASS);
      hooksField = hooksClass.getDeclaredField("hooks");
    } catch (ClassNotFoundException | NoSuchFieldException e) {
      notInspected.add("the shutdown hooks (this JVM keeps them elsewhere: " + e + ")");
      return;
    }
    if (!hooksField.trySetAccessible()) {
      notInspected.add("the shutdown hooks (" + closedJavaLang() + ")");
      return;
    }
    List<Thread> hooks;
    try {
      // ApplicationShutdownHooks changes its map only while holding its class's lock.
      synchronized (hooksClass) {
        Object map = hooksField.get(null);
        hooks =
            map == null
                ? List.of()
                : List.copyOf(((Map<?, ?>) map).keySet()).stream().map(Thread.class::cast).toList();
      }
    } catch (IllegalAccessException | RuntimeException e) {
      notInspected.add("the shutdown hooks (" + e + ")");
      return;
    }
    this.hooks = hooks.size();
    for (Thread hook : hooks) {
      roots.add(
          new Root(
              Kind.SHUTDOWN_HOOK,
              "a shutdown hook, thread \"" + hook.getName() + "\"",
              "hook",
              hook));
    }
  }

  private void liveThreads() {
    if (!threadFieldsOpen()) notInspected.add("the threads' locals (" + closedJavaLang() + ")");
    threads = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t == Thread.currentThread()) continue;
      roots.add(new Root(Kind.THREAD, "thread \"" + t.getName() + "\"", "thread", t));
      threads++;
    }
  }

  private static boolean threadFieldsOpen() {
    try {
      return Thread.class.getDeclaredField("threadLocals").trySetAccessible();
    } catch (NoSuchFieldException e) {
      return false;
    }
  }

  private static String closedJavaLang() {
    return "module java.base does not open java.lang to TrainUnit; "
        + "--add-opens java.base/java.lang=ALL-UNNAMED lets the search look there";
  }
}

package dev.trainunit.engine.check.content;

import dev.trainunit.engine.check.content.GraphWalk.AsWhole;
import dev.trainunit.engine.check.content.GraphWalk.ByEqualsElseFields;
import dev.trainunit.engine.check.content.GraphWalk.ByFields;
import dev.trainunit.engine.check.content.GraphWalk.Opening;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@link FieldDifferences} opens the objects of a live trainable: the model author's classes
 * field by field, up to the framework's {@code AbstractTrainable} (its counters, loggers and trial
 * are not the model's state), leaving out static, transient and synthetic fields and those the
 * author declared derived; JDK and framework objects as a whole (equals, else serial form), never
 * reflecting into the JDK (the module system refuses, and its internals mean nothing to a model
 * author); a library's objects by their equals, else their fields, reported at the library object.
 */
final class TrainableRules implements GraphWalk.Rules {

  private final ClassOrigins origins;
  private final Set<String> derived;

  /** Per walk: the rules depend on where the trainable's classes come from. */
  private final Map<Class<?>, Opening> openings = new HashMap<>();

  /**
   * @param derived dotted field paths from the trainable ({@code cache}, {@code net.scratch}) left
   *     out
   */
  TrainableRules(ClassOrigins origins, Set<String> derived) {
    this.origins = origins;
    this.derived = Set.copyOf(derived);
  }

  @Override
  public Opening open(Class<?> type) {
    return openings.computeIfAbsent(type, this::opening);
  }

  @Override
  public boolean leftOut(GraphPath path) {
    return !derived.isEmpty() && derived.contains(path.dotted());
  }

  @Override
  public boolean reportsContainersWhole() {
    return true;
  }

  private Opening opening(Class<?> type) {
    if (type == Object.class) return new ByFields(List.of()); // a bare lock object holds no state
    if (ClassOrigins.isJdk(type) || ClassOrigins.isFramework(type)) return new AsWhole(null);
    Fields fields = fields(type);
    if (origins.isOwn(type)) {
      // State kept in a JDK superclass (a model's RNG that extends java.util.Random) is not in
      // its fields: the object as a whole decides, and its fields only when that cannot tell.
      return fields.reachObject ? new ByFields(fields.list) : new AsWhole(fields.list);
    }
    // A library's object: its own equals, else its fields when they are all of its state and can
    // all be read (its serial form need not survive a restore: Weka's does not), else its serial
    // form.
    return fields.reachObject && fields.readable
        ? new ByEqualsElseFields(fields.list)
        : new AsWhole(null);
  }

  /**
   * The instance fields of {@code type} and its superclasses below the first framework or JDK
   * class, without static, transient and synthetic ones (an inner class's {@code this$0}).
   *
   * @param reachObject whether the superclasses end at Object or at a framework class, so that the
   *     fields are all the state the class holds
   * @param readable whether every one of them could be made accessible
   */
  private record Fields(List<Field> list, boolean reachObject, boolean readable) {}

  private static Fields fields(Class<?> type) {
    List<Field> list = new ArrayList<>();
    boolean readable = true;
    Class<?> c = type;
    for (;
        c != null && !ClassOrigins.isJdk(c) && !ClassOrigins.isFramework(c);
        c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) continue;
        // One that cannot be opened stays in the list: reading it fails, and the walk says so
        // there.
        readable &= f.trySetAccessible();
        list.add(f);
      }
    }
    boolean reachObject = c == null || c == Object.class || ClassOrigins.isFramework(c);
    return new Fields(list, reachObject, readable);
  }
}

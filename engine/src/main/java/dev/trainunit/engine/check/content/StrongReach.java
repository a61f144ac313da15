package dev.trainunit.engine.check.content;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Walks what a few roots reach through strong references, breadth first, so that the first path
 * found to an object is a shortest one: the walk that tells a model author what keeps their
 * trainable alive ({@code static field Registry.LISTENERS}, at {@code LISTENERS[3].owner}).
 *
 * <p>Unlike {@link GraphWalk}, which compares two graphs, this follows one graph the way the
 * garbage collector does: every field, {@code transient} ones included, but not the referent of a
 * weak, soft or phantom reference, nor the keys of a {@link WeakHashMap}. Maps and collections are
 * read through their own API, which needs no access to the JDK's private fields; other objects
 * field by field, where the module system lets the engine read them. What it cannot read (a field
 * of a JDK class in a closed package, an iteration that throws) it counts and steps over.
 */
final class StrongReach {

  /**
   * Where the walk starts: {@code value}, held by what {@code holder} names ("static field
   * com.acme.Registry.LISTENERS"), the first step of each path ({@code name}).
   */
  record Root(Holders.Kind kind, String holder, String name, Object value) {}

  /** Told each object the walk reaches; returns whether the walk should go on. */
  interface Visitor {
    boolean visit(Root root, Object object, GraphPath path);
  }

  /**
   * How a walk went.
   *
   * @param visited the objects it reached
   * @param outOfBudget whether it stopped at its budget, with objects left unvisited
   * @param unreadable the objects it could not look inside, or not wholly
   * @param firstUnreadable why the first of them could not be read, or null
   */
  record Walked(long visited, boolean outOfBudget, long unreadable, String firstUnreadable) {}

  private record Step(Root root, Object object, GraphPath path) {}

  /** The fields of a class the walk reads, and those the module system keeps it from reading. */
  private record Fields(List<Field> open, List<Field> closed) {}

  /** The fields of each class, found once. */
  private static final ClassValue<Fields> FIELDS =
      new ClassValue<>() {
        @Override
        protected Fields computeValue(Class<?> type) {
          return fieldsOf(type);
        }
      };

  private final Visitor visitor;
  private final Deque<Step> work = new ArrayDeque<>();
  private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private long unreadable;
  private String firstUnreadable;

  private StrongReach(Visitor visitor) {
    this.visitor = visitor;
  }

  /** Walks from {@code roots}, visiting at most {@code budget} objects. */
  static Walked walk(List<Root> roots, long budget, Visitor visitor) {
    return new StrongReach(visitor).run(roots, budget);
  }

  private Walked run(List<Root> roots, long budget) {
    for (Root r : roots) offer(r, r.value(), GraphPath.root(r.name()));
    long visited = 0;
    while (!work.isEmpty()) {
      if (visited == budget) return new Walked(visited, true, unreadable, firstUnreadable);
      Step s = work.poll();
      visited++;
      if (!visitor.visit(s.root, s.object, s.path)) break;
      try {
        children(s);
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        // A collection that cannot be iterated (a concurrent change, a broken override): what it
        // holds is not walked, and the walk says how many such objects it met, and why the first.
        unreadable(s.object.getClass().getName() + ": " + e);
      }
    }
    return new Walked(visited, false, unreadable, firstUnreadable);
  }

  private void offer(Root root, Object o, GraphPath path) {
    if (o == null || isLeaf(o.getClass()) || !seen.add(o)) return;
    work.add(new Step(root, o, path));
  }

  /**
   * Values hold no references worth following; enums do (a singleton registry is often one), so
   * they are walked.
   */
  private static boolean isLeaf(Class<?> type) {
    return Values.isValue(type) && !Enum.class.isAssignableFrom(type);
  }

  private void children(Step s) {
    Object o = s.object;
    Class<?> type = o.getClass();
    if (type.isArray()) {
      if (type.getComponentType().isPrimitive()) return;
      Object[] elements = (Object[]) o;
      for (int i = 0; i < elements.length; i++) offer(s.root, elements[i], s.path.index(i));
      return;
    }
    if (o instanceof Map<?, ?> map) {
      entries(s, map);
    } else if (o instanceof Collection<?> collection) {
      int i = 0;
      for (Object element : collection) offer(s.root, element, s.path.index(i++));
    } else if (o instanceof AtomicReferenceArray<?> array) {
      for (int i = 0; i < array.length(); i++) offer(s.root, array.get(i), s.path.index(i));
    }
    // A JDK map's or collection's own fields hold what its API just gave.
    boolean readThroughApi = o instanceof Map<?, ?> || o instanceof Collection<?>;
    Fields fields = FIELDS.get(type);
    for (Field f : fields.open()) {
      if (readThroughApi && ClassOrigins.isJdk(f.getDeclaringClass())) continue;
      try {
        offer(s.root, f.get(o), s.path.field(f.getName()));
      } catch (IllegalAccessException e) {
        unreadable(f + ": " + e);
      }
    }
    fields.closed().stream()
        .filter(f -> !(readThroughApi && ClassOrigins.isJdk(f.getDeclaringClass())))
        .findFirst()
        .ifPresent(f -> unreadable(closed(f)));
  }

  /** {@code java.lang.Thread.target (module java.base does not open java.lang to TrainUnit)}. */
  private static String closed(Field f) {
    Class<?> c = f.getDeclaringClass();
    return c.getName()
        + "."
        + f.getName()
        + " ("
        + c.getModule()
        + " does not open "
        + c.getPackageName()
        + " to TrainUnit)";
  }

  private void unreadable(String why) {
    unreadable++;
    if (firstUnreadable == null) firstUnreadable = why;
  }

  private void entries(Step s, Map<?, ?> map) {
    boolean weakKeys = map instanceof WeakHashMap<?, ?>;
    int i = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object key = e.getKey();
      if (key == null || Values.isValue(key.getClass())) {
        offer(s.root, e.getValue(), s.path.key(key));
      } else {
        GraphPath at = s.path.index(i);
        if (!weakKeys) offer(s.root, key, at.field("key"));
        offer(s.root, e.getValue(), at.field("value"));
      }
      i++;
    }
  }

  /**
   * The instance fields of {@code type} and its superclasses that hold references, by whether the
   * module system lets the engine read them; none of {@link Reference}'s own, whose referent is
   * what a weak reference does not keep alive.
   */
  private static Fields fieldsOf(Class<?> type) {
    List<Field> open = new ArrayList<>();
    List<Field> closed = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (c == Reference.class) continue;
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
        (f.trySetAccessible() ? open : closed).add(f);
      }
    }
    return new Fields(List.copyOf(open), List.copyOf(closed));
  }
}

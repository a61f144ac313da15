package dev.trainunit.engine.check.content;

import dev.trainunit.engine.check.content.GraphDifference.Kind;
import dev.trainunit.engine.check.content.GraphDifference.Sharing;
import dev.trainunit.engine.check.content.WholeComparison.Verdict;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks two object graphs side by side and reports where they hold different state: a map is its
 * entries (whatever its table size), a list its elements in order, a set its elements, an array its
 * elements, a value its value ({@link Values}), and any other object what the {@link Rules} say —
 * its fields, or itself as a whole ({@link WholeComparison}). Sharing is state too: one object in
 * two places on one side and two objects on the other is a difference.
 *
 * <p>One walker serves the comparison of deserialized checkpoints ({@link ObjectGraphs}, which
 * wants the first difference) and of a restored trainable with the one that saved ({@link
 * FieldDifferences}, which wants every field that differs): the rules and the {@link Sink} make the
 * difference.
 *
 * <p>The walk is iterative (a deep linked structure does not overflow the stack), follows each pair
 * of objects once (cycles end), compares primitive arrays in bulk, and stops after a budget of
 * compared pairs. It never throws on what it meets: an {@code equals}, a collection or a field read
 * that fails is reported as {@link Kind#NOT_COMPARABLE} there, with the exception.
 */
final class GraphWalk {

  /** How a walk treats the objects that are neither values, arrays, maps nor collections. */
  interface Rules {

    /** Whether to walk the fields of objects of {@code type} or to compare them as a whole. */
    Opening open(Class<?> type);

    /** Whether the field at {@code path} is left out of the comparison. */
    default boolean leftOut(GraphPath path) {
      return false;
    }

    /**
     * Whether everything below a map, a collection, an object array or an object walked only
     * because nothing else could tell is reported once, at it, by its first difference: what a
     * message naming fields wants, where a thousand differing list elements are one field.
     */
    default boolean reportsContainersWhole() {
      return false;
    }
  }

  /** How to compare the objects of one class. */
  sealed interface Opening permits ByFields, ByEqualsElseFields, AsWhole {}

  /** Field by field, each made accessible. */
  record ByFields(List<Field> fields) implements Opening {
    ByFields {
      fields = List.copyOf(fields);
    }
  }

  /**
   * By the class's own equals; without one, by {@code fields}: a library's object, whose serial
   * form may change across a restore although its state does not.
   */
  record ByEqualsElseFields(List<Field> fields) implements Opening {
    ByEqualsElseFields {
      fields = List.copyOf(fields);
    }
  }

  /**
   * As a whole, by equals, else by serial form; when neither can tell, by {@code fallback}'s
   * fields, or, when it is null, as not comparable.
   */
  record AsWhole(List<Field> fallback) implements Opening {}

  /** Takes each difference as it is found; returns whether the walk should go on. */
  interface Sink {
    boolean take(GraphDifference difference);
  }

  /** How a walk ended. */
  enum End {
    /** Every pair was compared. */
    FINISHED,
    /** The sink asked to stop. */
    STOPPED,
    /** The budget of pairs was spent first; there may be differences not reported. */
    OUT_OF_BUDGET
  }

  /**
   * A container whose differences are reported once; see {@link Rules#reportsContainersWhole()}.
   */
  static final class Within {
    private final GraphPath path;
    private final Object a;
    private final Object b;
    private final Class<?> declared;
    private boolean reported;

    private Within(Pending at) {
      this.path = at.path;
      this.a = at.a;
      this.b = at.b;
      this.declared = at.declared;
    }

    GraphPath path() {
      return path;
    }

    Object a() {
      return a;
    }

    Object b() {
      return b;
    }

    Class<?> declared() {
      return declared;
    }
  }

  private record Pending(Object a, Object b, GraphPath path, Class<?> declared, Within within) {
    Pending child(Object ca, Object cb, GraphPath at, Class<?> declaredType) {
      return new Pending(ca, cb, at, declaredType, within);
    }
  }

  /** Where the walk met an object first, and what it was paired with there. */
  private record Seen(Object other, GraphPath path) {}

  private final Rules rules;
  private final Sink sink;
  private final Deque<Pending> work = new ArrayDeque<>();
  private final IdentityHashMap<Object, Seen> seenFirst = new IdentityHashMap<>();
  private final IdentityHashMap<Object, Seen> seenSecond = new IdentityHashMap<>();
  private boolean stopped;

  private GraphWalk(Rules rules, Sink sink) {
    this.rules = rules;
    this.sink = sink;
  }

  /**
   * Compares {@code a} with {@code b}, giving each difference to {@code sink}.
   *
   * @param budget the most pairs of objects to compare; {@link Long#MAX_VALUE} for no bound
   */
  static End walk(Object a, Object b, GraphPath root, Rules rules, long budget, Sink sink) {
    return new GraphWalk(rules, sink).run(new Pending(a, b, root, null, null), budget);
  }

  private End run(Pending root, long budget) {
    work.push(root);
    long compared = 0;
    while (!work.isEmpty()) {
      Pending p = work.pop();
      if (p.within != null && p.within.reported) continue;
      if (compared == budget) return End.OUT_OF_BUDGET;
      compared++;
      try {
        compare(p);
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        // A collection, hashCode or equals of the objects compared failed: say so there.
        report(Kind.NOT_COMPARABLE, p, e.toString());
      }
      if (stopped) return End.STOPPED;
    }
    return End.FINISHED;
  }

  private void compare(Pending p) {
    Object a = p.a;
    Object b = p.b;
    if (a == b) return;
    if (a == null || b == null || a.getClass() != b.getClass()) {
      report(Kind.VALUE, p, null);
      return;
    }
    Class<?> type = a.getClass();
    if (Values.isValue(type)) {
      if (!Values.equal(a, b)) report(Kind.VALUE, p, null);
      return;
    }
    if (!firstMeeting(p)) return;
    if (type.isArray()) {
      arrays(p);
    } else if (a instanceof Map<?, ?> ma) {
      maps(anchored(p), ma, (Map<?, ?>) b);
    } else if (a instanceof List<?> la) {
      inOrder(anchored(p), la, (List<?>) b);
    } else if (a instanceof Set<?> sa) {
      sets(anchored(p), sa, (Set<?>) b);
    } else if (a instanceof Collection<?> ca) {
      inOrder(anchored(p), ca, (Collection<?>) b);
    } else {
      objects(p);
    }
  }

  /**
   * Pairs {@code p.a} with {@code p.b} when neither was met before; false when the pair was already
   * compared, or when one of them was met paired with another object (reported).
   */
  private boolean firstMeeting(Pending p) {
    Seen first = seenFirst.get(p.a);
    Seen second = seenSecond.get(p.b);
    if (first == null && second == null) {
      seenFirst.put(p.a, new Seen(p.b, p.path));
      seenSecond.put(p.b, new Seen(p.a, p.path));
      return true;
    }
    if (first != null && first.other == p.b) return false;
    report(
        Kind.SHARING,
        p,
        first != null ? new Sharing(false, first.path) : new Sharing(true, second.path));
    return false;
  }

  /**
   * {@code p} as the container its children's differences are reported at, when the rules want
   * that.
   */
  private Pending anchored(Pending p) {
    if (p.within != null || !rules.reportsContainersWhole()) return p;
    return new Pending(p.a, p.b, p.path, p.declared, new Within(p));
  }

  private void arrays(Pending p) {
    int length = Array.getLength(p.a);
    if (length != Array.getLength(p.b)) {
      report(Kind.LENGTH, p, null);
      return;
    }
    if (p.a.getClass().getComponentType().isPrimitive()) {
      int i = Values.firstMismatch(p.a, p.b);
      if (i >= 0) report(Kind.ELEMENTS, p, i);
      return;
    }
    Pending at = anchored(p);
    Object[] oa = (Object[]) p.a;
    Object[] ob = (Object[]) p.b;
    for (int i = length - 1; i >= 0; i--) work.push(at.child(oa[i], ob[i], p.path.index(i), null));
  }

  private void maps(Pending p, Map<?, ?> a, Map<?, ?> b) {
    if (a.size() != b.size()) {
      report(Kind.SIZE, p, null);
      return;
    }
    List<Pending> pairs = new ArrayList<>(a.size());
    if (a.keySet().stream().allMatch(k -> k == null || Values.isValue(k.getClass()))) {
      for (Map.Entry<?, ?> e : a.entrySet()) {
        if (!b.containsKey(e.getKey())) {
          report(Kind.MISSING_KEY, p, e.getKey());
          return;
        }
        pairs.add(p.child(e.getValue(), b.get(e.getKey()), p.path.key(e.getKey()), null));
      }
      // Pushed once all are read (a map whose iteration fails leaves none half-pushed), in the
      // order found, so the last entry is compared first: the order ObjectGraphs always had.
      pairs.forEach(work::push);
      return;
    }
    // Keys without value semantics (the user's own types, deserialized afresh on each side) cannot
    // be looked up across the two graphs; their iteration order is all that pairs them.
    Iterator<? extends Map.Entry<?, ?>> ib = b.entrySet().iterator();
    int i = 0;
    for (Map.Entry<?, ?> ea : a.entrySet()) {
      Map.Entry<?, ?> eb = ib.next();
      GraphPath at = p.path.index(i++);
      pairs.add(p.child(ea.getValue(), eb.getValue(), at.field("value"), null));
      pairs.add(p.child(ea.getKey(), eb.getKey(), at.field("key"), null));
    }
    pairs.forEach(work::push);
  }

  private void sets(Pending p, Set<?> a, Set<?> b) {
    if (a.size() != b.size()) {
      report(Kind.SIZE, p, null);
      return;
    }
    if (a.stream().allMatch(x -> x == null || Values.isValue(x.getClass()))) {
      for (Object x : a) {
        if (!b.contains(x)) {
          report(Kind.MISSING_ELEMENT, p, x);
          return;
        }
      }
      return;
    }
    inOrder(p, a, b);
  }

  private void inOrder(Pending p, Collection<?> a, Collection<?> b) {
    if (a.size() != b.size()) {
      report(Kind.SIZE, p, null);
      return;
    }
    List<Pending> pairs = new ArrayList<>(a.size());
    Iterator<?> ib = b.iterator();
    int i = 0;
    for (Object x : a) pairs.add(p.child(x, ib.next(), p.path.index(i++), null));
    pushInOrder(pairs);
  }

  private void objects(Pending p) {
    Opening opening = rules.open(p.a.getClass());
    if (opening instanceof ByFields byFields) {
      fields(p, byFields.fields());
      return;
    }
    List<Field> fallback;
    Verdict verdict;
    if (opening instanceof ByEqualsElseFields byEquals) {
      fallback = byEquals.fields();
      verdict = WholeComparison.byEquals(p.a, p.b);
    } else {
      fallback = ((AsWhole) opening).fallback();
      verdict = WholeComparison.compare(p.a, p.b);
    }
    switch (verdict.outcome()) {
      case SAME -> {}
      case DIFFERENT -> report(Kind.WHOLE, p, verdict.how());
      case CANNOT_TELL -> {
        if (fallback == null) {
          report(Kind.NOT_COMPARABLE, p, verdict.how());
        } else {
          fields(anchored(p), fallback);
        }
      }
    }
  }

  private void fields(Pending p, List<Field> fields) {
    List<Pending> pairs = new ArrayList<>(fields.size());
    for (Field f : fields) {
      GraphPath at = p.path.field(f.getName());
      if (rules.leftOut(at)) continue;
      try {
        pairs.add(p.child(f.get(p.a), f.get(p.b), at, f.getType()));
      } catch (IllegalAccessException | RuntimeException e) {
        report(
            Kind.NOT_COMPARABLE,
            p.child(null, null, at, f.getType()),
            "cannot read the field: " + e);
        if (stopped) return;
      }
    }
    pushInOrder(pairs);
  }

  /** Pushes {@code pairs} so that the first is compared first. */
  private void pushInOrder(List<Pending> pairs) {
    for (int j = pairs.size() - 1; j >= 0; j--) work.push(pairs.get(j));
  }

  private void report(Kind kind, Pending p, Object detail) {
    if (p.within != null) {
      if (p.within.reported) return;
      p.within.reported = true;
    }
    if (!sink.take(new GraphDifference(kind, p.path, p.a, p.b, p.declared, detail, p.within)))
      stopped = true;
  }
}

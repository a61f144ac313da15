package dev.trainunit.engine.check.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares two object graphs by the state they hold, not by how a serial form happened to lay
 * it out: a {@code HashMap} is its entries (whatever its table size), a list its elements in
 * order, an array its elements, a user or library object its non-static, non-transient fields.
 * This is what lets {@code checkpoint-roundtrip} tell a checkpoint whose bytes differ because
 * {@code HashMap.readObject} rebuilt a table at another size from one that lost state.
 *
 * <p>Floating-point values are equal when their bits are (NaN equals NaN, 0.0 differs from
 * -0.0), as a restore must give back exactly what was saved. Objects of the JDK's own classes
 * that are not collections are compared by {@code equals} where they define it, else by their
 * fields where the module system lets us read them, else by their own serial form (which is
 * stable for such classes: {@code java.util.Random}, the atomics). Fields of the transient kind
 * are left out: they are not part of what was saved.
 *
 * <p>The walk is iterative (deep linked structures do not overflow the stack) and follows each
 * pair of objects once, so cycles end.
 */
final class ObjectGraphs {

  /** Fields of a class, cached: a model's graph has many objects of few classes. */
  private static final Map<Class<?>, Optional<List<Field>>> FIELDS = new ConcurrentHashMap<>();

  private ObjectGraphs() {}

  /** The first place where {@code a} and {@code b} hold different state, with a path from {@code root}. */
  public static Optional<Mismatch> firstDifference(Object a, Object b, String root) {
    Deque<Pending> work = new ArrayDeque<>();
    IdentityHashMap<Object, Object> paired = new IdentityHashMap<>();
    work.push(new Pending(a, b, new Path(null, root)));
    while (!work.isEmpty()) {
      Pending p = work.pop();
      Optional<Mismatch> found = compare(p.a, p.b, p.path, work, paired);
      if (found.isPresent()) return found;
    }
    return Optional.empty();
  }

  /**
   * Where two graphs differ and what each side holds there.
   *
   * @param path e.g. {@code SgdState.weights[3]} or {@code Model.header.attributes.get("class")}
   */
  public record Mismatch(String path, String expected, String actual) {}

  private record Pending(Object a, Object b, Path path) {}

  /** A path built by appending, rendered only when a mismatch is found. */
  private record Path(Path parent, String segment) {
    Path field(String name) {
      return new Path(this, "." + name);
    }

    Path index(int i) {
      return new Path(this, "[" + i + "]");
    }

    Path key(Object key) {
      return new Path(this, ".get(" + (key instanceof String s ? "\"" + s + "\"" : String.valueOf(key)) + ")");
    }

    @Override
    public String toString() {
      Deque<String> parts = new ArrayDeque<>();
      for (Path p = this; p != null; p = p.parent) parts.push(p.segment);
      return String.join("", parts);
    }
  }

  private static Optional<Mismatch> compare(Object a, Object b, Path path, Deque<Pending> work,
      IdentityHashMap<Object, Object> paired) {
    if (a == b) return Optional.empty();
    if (a == null || b == null || a.getClass() != b.getClass()) return mismatch(path, a, b);
    Class<?> type = a.getClass();
    if (isValue(type)) return valueEquals(a, b) ? Optional.empty() : mismatch(path, a, b);
    Object earlier = paired.get(a);
    if (earlier != null) return earlier == b ? Optional.empty() : mismatch(path, describe(a), "a different object");
    paired.put(a, b);
    if (type.isArray()) return compareArrays(a, b, path, work);
    if (a instanceof Map<?, ?> ma) return compareMaps(ma, (Map<?, ?>) b, path, work);
    if (a instanceof List<?> la) return compareInOrder(la, (List<?>) b, path, work);
    if (a instanceof Set<?> sa) return compareSets(sa, (Set<?>) b, path, work);
    if (a instanceof Collection<?> ca) return compareInOrder(ca, (Collection<?>) b, path, work);
    return compareObjects(a, b, path, work);
  }

  /** Types whose {@code equals} is their state. */
  private static boolean isValue(Class<?> type) {
    if (type == String.class || type == Boolean.class || type == Character.class || type == Class.class) return true;
    if (Enum.class.isAssignableFrom(type)) return true;
    // Boxed numbers and BigDecimal/BigInteger, but not the atomics, whose equals is identity.
    String pkg = type.getPackageName();
    return Number.class.isAssignableFrom(type) && (pkg.equals("java.lang") || pkg.equals("java.math"));
  }

  private static boolean valueEquals(Object a, Object b) {
    if (a instanceof Double x) return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits((Double) b) || x.isNaN() && ((Double) b).isNaN();
    if (a instanceof Float x) return Float.floatToRawIntBits(x) == Float.floatToRawIntBits((Float) b) || x.isNaN() && ((Float) b).isNaN();
    return a.equals(b);
  }

  private static Optional<Mismatch> compareArrays(Object a, Object b, Path path, Deque<Pending> work) {
    int length = Array.getLength(a);
    if (length != Array.getLength(b)) {
      return mismatch(path, "length " + length, "length " + Array.getLength(b));
    }
    if (a.getClass().getComponentType().isPrimitive()) {
      int i = primitiveMismatch(a, b);
      return i < 0 ? Optional.empty() : mismatch(path.index(i), Array.get(a, i), Array.get(b, i));
    }
    Object[] oa = (Object[]) a;
    Object[] ob = (Object[]) b;
    for (int i = length - 1; i >= 0; i--) work.push(new Pending(oa[i], ob[i], path.index(i)));
    return Optional.empty();
  }

  /** The first index at which two primitive arrays of one type differ (by bits for floating point), or -1. */
  private static int primitiveMismatch(Object a, Object b) {
    if (a instanceof double[] x) return Arrays.mismatch(x, (double[]) b);
    if (a instanceof float[] x) return Arrays.mismatch(x, (float[]) b);
    if (a instanceof long[] x) return Arrays.mismatch(x, (long[]) b);
    if (a instanceof int[] x) return Arrays.mismatch(x, (int[]) b);
    if (a instanceof short[] x) return Arrays.mismatch(x, (short[]) b);
    if (a instanceof byte[] x) return Arrays.mismatch(x, (byte[]) b);
    if (a instanceof char[] x) return Arrays.mismatch(x, (char[]) b);
    return Arrays.mismatch((boolean[]) a, (boolean[]) b);
  }

  private static Optional<Mismatch> compareMaps(Map<?, ?> a, Map<?, ?> b, Path path, Deque<Pending> work) {
    if (a.size() != b.size()) return mismatch(path, a.size() + " entries", b.size() + " entries");
    if (a.keySet().stream().allMatch(k -> k == null || isValue(k.getClass()))) {
      for (Map.Entry<?, ?> e : a.entrySet()) {
        if (!b.containsKey(e.getKey())) return mismatch(path.key(e.getKey()), describe(e.getValue()), "no such key");
        work.push(new Pending(e.getValue(), b.get(e.getKey()), path.key(e.getKey())));
      }
      return Optional.empty();
    }
    // Keys without value semantics (the user's own types, deserialized afresh on each side) cannot
    // be looked up across the two graphs; their iteration order is all that pairs them.
    Iterator<? extends Map.Entry<?, ?>> ib = b.entrySet().iterator();
    int i = 0;
    for (Map.Entry<?, ?> ea : a.entrySet()) {
      Map.Entry<?, ?> eb = ib.next();
      Path at = path.index(i++);
      work.push(new Pending(ea.getValue(), eb.getValue(), at.field("value")));
      work.push(new Pending(ea.getKey(), eb.getKey(), at.field("key")));
    }
    return Optional.empty();
  }

  private static Optional<Mismatch> compareSets(Set<?> a, Set<?> b, Path path, Deque<Pending> work) {
    if (a.size() != b.size()) return mismatch(path, a.size() + " elements", b.size() + " elements");
    if (a.stream().allMatch(x -> x == null || isValue(x.getClass()))) {
      for (Object x : a) if (!b.contains(x)) return mismatch(path, "contains " + describe(x), "does not");
      return Optional.empty();
    }
    return compareInOrder(a, b, path, work);
  }

  private static Optional<Mismatch> compareInOrder(Collection<?> a, Collection<?> b, Path path, Deque<Pending> work) {
    if (a.size() != b.size()) return mismatch(path, a.size() + " elements", b.size() + " elements");
    List<Pending> pairs = new ArrayList<>(a.size());
    Iterator<?> ib = b.iterator();
    int i = 0;
    for (Object x : a) pairs.add(new Pending(x, ib.next(), path.index(i++)));
    for (int j = pairs.size() - 1; j >= 0; j--) work.push(pairs.get(j));
    return Optional.empty();
  }

  private static Optional<Mismatch> compareObjects(Object a, Object b, Path path, Deque<Pending> work) {
    Class<?> type = a.getClass();
    List<Field> fields = FIELDS.computeIfAbsent(type, ObjectGraphs::stateFields).orElse(null);
    if (fields == null || fields.isEmpty() && isJdk(type)) return opaque(a, b, path);
    List<Pending> pairs = new ArrayList<>(fields.size());
    for (Field f : fields) {
      try {
        pairs.add(new Pending(f.get(a), f.get(b), path.field(f.getName())));
      } catch (IllegalAccessException e) {
        return opaque(a, b, path);
      }
    }
    for (int j = pairs.size() - 1; j >= 0; j--) work.push(pairs.get(j));
    return Optional.empty();
  }

  /**
   * The non-static, non-transient fields of {@code type} and its superclasses, made accessible;
   * empty when the module system keeps any of them closed (a JDK class), so the caller falls back.
   */
  private static Optional<List<Field>> stateFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m)) continue;
        if (!f.trySetAccessible()) return Optional.empty();
        fields.add(f);
      }
    }
    return Optional.of(List.copyOf(fields));
  }

  private static boolean isJdk(Class<?> type) {
    return type.getClassLoader() == null;
  }

  /** An object whose fields we may not read: its own {@code equals}, else its serial form, decides. */
  private static Optional<Mismatch> opaque(Object a, Object b, Path path) {
    if (overridesEquals(a.getClass())) return a.equals(b) ? Optional.empty() : mismatch(path, a, b);
    if (a instanceof Serializable) {
      byte[] sa = serialForm(a);
      byte[] sb = serialForm(b);
      if (sa != null && sb != null) return Arrays.equals(sa, sb) ? Optional.empty() : mismatch(path, a, b);
    }
    // Nothing can tell these apart; the bytes of the enclosing file already differed, so say where.
    return mismatch(path, describe(a) + " (not comparable)", describe(b));
  }

  private static boolean overridesEquals(Class<?> type) {
    try {
      return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static byte[] serialForm(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (NotSerializableException e) {
      return null; // holds something not serializable after all: no serial form to compare
    } catch (IOException e) {
      return null; // an in-memory stream fails only through the object's own writeObject
    }
    return bytes.toByteArray();
  }

  private static Optional<Mismatch> mismatch(Path path, Object expected, Object actual) {
    return Optional.of(new Mismatch(path.toString(), describe(expected), describe(actual)));
  }

  /** A short, readable form of one value for a message. */
  static String describe(Object o) {
    if (o == null) return "null";
    if (o instanceof String s) return "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
    if (isValue(o.getClass())) return String.valueOf(o);
    if (o.getClass().isArray()) return o.getClass().getComponentType().getSimpleName() + "[" + Array.getLength(o) + "]";
    if (o instanceof Collection<?> c) return o.getClass().getSimpleName() + " of " + c.size();
    if (o instanceof Map<?, ?> m) return o.getClass().getSimpleName() + " of " + m.size();
    String s = Objects.toString(o);
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}

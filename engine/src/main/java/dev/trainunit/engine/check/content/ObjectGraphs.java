package dev.trainunit.engine.check.content;

import dev.trainunit.engine.check.content.GraphWalk.AsWhole;
import dev.trainunit.engine.check.content.GraphWalk.ByFields;
import dev.trainunit.engine.check.content.GraphWalk.Opening;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares two object graphs by the state they hold, not by how a serial form happened to lay it
 * out: a {@code HashMap} is its entries (whatever its table size), a list its elements in order, an
 * array its elements, a user or library object its non-static, non-transient fields. This is what
 * lets {@code checkpoint-roundtrip} tell a checkpoint whose bytes differ because {@code
 * HashMap.readObject} rebuilt a table at another size from one that lost state.
 *
 * <p>Floating-point values are equal when their bits are (NaN equals NaN, 0.0 differs from -0.0),
 * as a restore must give back exactly what was saved. Objects of the JDK's own classes that are not
 * collections are compared by {@code equals} where they define it, else by their fields where the
 * module system lets us read them, else by their own serial form (which is stable for such classes:
 * {@code java.util.Random}, the atomics). Fields of the transient kind are left out: they are not
 * part of what was saved.
 *
 * <p>The walk itself is {@link GraphWalk}'s, without a bound: both graphs were deserialized from
 * files whose bytes already differ, so it runs until it finds where.
 */
final class ObjectGraphs {

  private ObjectGraphs() {}

  /**
   * The first place where {@code a} and {@code b} hold different state, with a path from {@code
   * root}.
   */
  public static Optional<Mismatch> firstDifference(Object a, Object b, String root) {
    GraphDifference[] first = new GraphDifference[1];
    GraphWalk.walk(
        a,
        b,
        GraphPath.root(root),
        SerializedGraphs.RULES,
        Long.MAX_VALUE,
        d -> {
          first[0] = d;
          return false;
        });
    return Optional.ofNullable(first[0]).map(ObjectGraphs::mismatch);
  }

  /**
   * Where two graphs differ and what each side holds there.
   *
   * @param path e.g. {@code SgdState.weights[3]} or {@code Model.header.attributes.get("class")}
   */
  public record Mismatch(String path, String expected, String actual) {}

  private static Mismatch mismatch(GraphDifference d) {
    Object a = d.a();
    Object b = d.b();
    return switch (d.kind()) {
      case VALUE, WHOLE -> values(d.path(), a, b);
      case LENGTH ->
          worded(d.path(), "length " + Array.getLength(a), "length " + Array.getLength(b));
      case ELEMENTS -> {
        int i = (Integer) d.detail();
        yield values(d.path().index(i), Array.get(a, i), Array.get(b, i));
      }
      case SIZE ->
          a instanceof Map<?, ?> ma
              ? worded(d.path(), ma.size() + " entries", ((Map<?, ?>) b).size() + " entries")
              : worded(
                  d.path(),
                  ((Collection<?>) a).size() + " elements",
                  ((Collection<?>) b).size() + " elements");
      case MISSING_KEY ->
          worded(
              d.path().key(d.detail()),
              Values.describe(((Map<?, ?>) a).get(d.detail())),
              "no such key");
      case MISSING_ELEMENT ->
          worded(d.path(), "contains " + Values.describe(d.detail()), "does not");
      case SHARING -> worded(d.path(), Values.describe(a), "a different object");
      // Nothing can tell these apart; the bytes of the enclosing file already differed, so say
      // where.
      case NOT_COMPARABLE ->
          worded(d.path(), Values.describe(a) + " (not comparable)", Values.describe(b));
    };
  }

  /** What each side holds, described. */
  private static Mismatch values(GraphPath path, Object expected, Object actual) {
    return worded(path, Values.describe(expected), Values.describe(actual));
  }

  /** Words already chosen for each side: not described again, which would quote them as strings. */
  private static Mismatch worded(GraphPath path, String expected, String actual) {
    return new Mismatch(path.toString(), expected, actual);
  }

  /** Deserialized graphs: every object whose fields can be read is its fields. */
  private static final class SerializedGraphs implements GraphWalk.Rules {

    static final SerializedGraphs RULES = new SerializedGraphs();

    /** The fields of a class, found once: a model's graph has many objects of few classes. */
    private static final ClassValue<Opening> OPENINGS =
        new ClassValue<>() {
          @Override
          protected Opening computeValue(Class<?> type) {
            return opening(type);
          }
        };

    @Override
    public Opening open(Class<?> type) {
      return OPENINGS.get(type);
    }

    /**
     * The non-static, non-transient fields of {@code type} and its superclasses, made accessible;
     * as a whole when the module system keeps any of them closed (a JDK class), or when a JDK class
     * shows no fields at all.
     */
    private static Opening opening(Class<?> type) {
      List<Field> fields = new ArrayList<>();
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          int m = f.getModifiers();
          if (Modifier.isStatic(m) || Modifier.isTransient(m)) continue;
          if (!f.trySetAccessible()) return new AsWhole(null);
          fields.add(f);
        }
      }
      boolean jdk = type.getClassLoader() == null;
      return fields.isEmpty() && jdk ? new AsWhole(null) : new ByFields(fields);
    }
  }
}

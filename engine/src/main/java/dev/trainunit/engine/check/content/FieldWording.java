package dev.trainunit.engine.check.content;

import dev.trainunit.engine.check.content.GraphDifference.Kind;
import dev.trainunit.engine.check.content.GraphDifference.Sharing;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/**
 * Words a difference the walk found as a {@link FieldDifference}: the field a model author would
 * look at, a short type and how much. A difference inside a map, a collection or an object array is
 * worded at that field, as its first difference.
 */
final class FieldWording {

  /**
   * Longer paths keep their start and their end: a linked list a thousand nodes deep is still one
   * field.
   */
  private static final int LONGEST_PATH = 120;

  private FieldWording() {}

  static FieldDifference of(GraphDifference d) {
    boolean comparable = d.kind() != Kind.NOT_COMPARABLE;
    GraphWalk.Within within = d.within();
    if (within == null || within.path() == d.path()) {
      return new FieldDifference(name(d.path()), type(d), amount(d), comparable);
    }
    // A value difference already says what each side holds; any other needs its type to be read.
    String inner = d.kind() == Kind.VALUE ? amount(d) : type(d) + ", " + amount(d);
    return new FieldDifference(
        name(within.path()),
        type(within.a(), within.declared()),
        "first at " + shorten(d.path().relativeTo(within.path())) + ": " + inner,
        comparable);
  }

  private static String name(GraphPath path) {
    String name = path.toString();
    return name.isEmpty() ? "this" : shorten(name);
  }

  private static String shorten(String path) {
    if (path.length() <= LONGEST_PATH) return path;
    return path.substring(0, LONGEST_PATH / 3)
        + "…"
        + path.substring(path.length() - 2 * LONGEST_PATH / 3);
  }

  private static String type(GraphDifference d) {
    if (d.kind() == Kind.LENGTH) return simpleName(d.a().getClass().getComponentType()) + "[]";
    return type(d.a() != null ? d.a() : d.b(), d.declared());
  }

  /**
   * {@code long} for a primitive field, {@code double[5]} for an array, else the class of what it
   * holds.
   */
  private static String type(Object value, Class<?> declared) {
    if (declared != null && declared.isPrimitive()) return declared.getName();
    if (value == null) return declared != null ? simpleName(declared) : "null";
    if (value.getClass().isArray())
      return simpleName(value.getClass().getComponentType()) + "[" + Array.getLength(value) + "]";
    return simpleName(value.getClass());
  }

  private static String simpleName(Class<?> type) {
    String simple = type.getSimpleName();
    return simple.isEmpty() ? type.getName() : simple; // anonymous and hidden classes have none
  }

  private static boolean isShownAsValue(Object o) {
    return o == null || Values.isValue(o.getClass());
  }

  private static String amount(GraphDifference d) {
    Object a = d.a();
    Object b = d.b();
    return switch (d.kind()) {
      case VALUE -> "saved " + show(a) + ", restored " + show(b);
      case LENGTH ->
          "saved length " + Array.getLength(a) + ", restored length " + Array.getLength(b);
      case ELEMENTS -> ElementDeltas.describe(a, b, (Integer) d.detail());
      case SIZE ->
          a instanceof Map<?, ?> ma
              ? "saved " + ma.size() + " entries, restored " + ((Map<?, ?>) b).size()
              : "saved "
                  + ((Collection<?>) a).size()
                  + " elements, restored "
                  + ((Collection<?>) b).size();
      case MISSING_KEY -> "restored has no key " + Values.describe(d.detail());
      case MISSING_ELEMENT -> "restored does not hold " + Values.describe(d.detail());
      case SHARING -> sharing((Sharing) d.detail());
      case WHOLE -> d.reason().equals("serial form") ? "differs in its serial form" : "differs";
      case NOT_COMPARABLE -> "not comparable: " + d.reason();
    };
  }

  /**
   * A value as itself, any other object by its class: its toString is the user's code, and may be
   * huge.
   */
  private static String show(Object o) {
    return isShownAsValue(o) ? Values.describe(o) : simpleName(o.getClass());
  }

  private static String sharing(Sharing s) {
    String one = s.secondSide() ? "restored" : "saved";
    String other = s.secondSide() ? "saved" : "restored";
    return one + " shares the object with " + name(s.elsewhere()) + ", " + other + " does not";
  }
}

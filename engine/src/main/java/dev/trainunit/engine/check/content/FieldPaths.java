package dev.trainunit.engine.check.content;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Checks a field path a model author declares ({@code @Trainable(derivedFields = "net.scratch")})
 * against the trainable's classes, so that a misspelt name is an error at discovery rather than a
 * field silently compared. Each name must be a field of the class before it, looked up as the field
 * comparison walks: in the class and its superclasses below the framework's and the JDK's, starting
 * at the trainable and going on through each field's declared type.
 */
@API(status = API.Status.INTERNAL)
public final class FieldPaths {

  private FieldPaths() {}

  /** Why {@code path} names no field reachable from {@code trainable}; empty when it does. */
  public static Optional<String> whyNotAField(Class<?> trainable, String path) {
    String[] names = path.split("\\.", -1);
    Class<?> owner = trainable;
    String walked = "";
    for (String name : names) {
      if (name.isEmpty()) {
        return Optional.of("'" + path + "' is not a field name or a dotted path of field names");
      }
      if (owner.isPrimitive()
          || owner.isArray()
          || ClassOrigins.isJdk(owner)
          || ClassOrigins.isFramework(owner)) {
        return Optional.of(
            "'"
                + path
                + "' goes into '"
                + walked
                + "', a "
                + owner.getSimpleName()
                + ", whose fields are not compared one by one");
      }
      Field field = find(owner, name);
      if (field == null) {
        String where =
            walked.isEmpty()
                ? owner.getName() + " or its superclasses below AbstractTrainable"
                : owner.getName() + ", the type of '" + walked + "'";
        return Optional.of(
            "'"
                + path
                + "' is not a field of "
                + where
                + " (fields: "
                + instanceFields(owner)
                + ")");
      }
      walked = walked.isEmpty() ? name : walked + "." + name;
      owner = field.getType();
    }
    return Optional.empty();
  }

  /**
   * The value at {@code path} (dotted field names, as {@link FieldDifference#path()} gives them) in
   * {@code root}; empty when the path does not lead to a field, or a field on the way is null.
   */
  public static Optional<Object> read(Object root, String path) {
    return fieldAt(root, path).map(FieldAt::value);
  }

  /**
   * Sets the field at {@code path} in {@code to} to what the same field holds in {@code from}, an
   * instance of the same class: the counterfactual "had this field kept the value the config gave
   * it". False when the path leads to no field of both, or the field cannot be written.
   */
  public static boolean copy(Object from, Object to, String path) {
    Optional<FieldAt> source = fieldAt(from, path);
    Optional<FieldAt> target = fieldAt(to, path);
    if (source.isEmpty() || target.isEmpty()) return false;
    if (!source.get().field().equals(target.get().field())) return false;
    try {
      target.get().field().set(target.get().owner(), source.get().value());
      return true;
    } catch (IllegalAccessException | RuntimeException e) {
      // a final field of a record or a hidden class, or one the module system keeps closed
      return false;
    }
  }

  /** A field reached by a path: the object that holds it, the field, and its value there. */
  private record FieldAt(Object owner, Field field, Object value) {}

  /**
   * A segment may end in element indices, {@code confs[0]}, for the objects a list or an array
   * holds (as {@link PlainValuePaths} names them); the last segment is a field itself.
   */
  private static Optional<FieldAt> fieldAt(Object root, String path) {
    Object owner = root;
    String[] segments = path.split("\\.", -1);
    for (int i = 0; i < segments.length; i++) {
      String[] parts = segments[i].split("\\[", -1);
      if (owner == null || !below(owner.getClass())) return Optional.empty();
      Field field = find(owner.getClass(), parts[0]);
      if (field == null) return Optional.empty();
      Object value;
      try {
        field.setAccessible(true);
        value = field.get(owner);
      } catch (IllegalAccessException | RuntimeException e) {
        return Optional.empty(); // a field the module system keeps closed: nothing to read
      }
      if (i == segments.length - 1) {
        return parts.length == 1 ? Optional.of(new FieldAt(owner, field, value)) : Optional.empty();
      }
      for (int k = 1; k < parts.length && value != null; k++) {
        value = element(value, parts[k]);
      }
      owner = value;
    }
    return Optional.empty();
  }

  /** The element {@code index]} names in a list or an array, or null. */
  private static Object element(Object container, String index) {
    int i;
    try {
      i = Integer.parseInt(index.substring(0, index.length() - 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return null;
    }
    if (container instanceof List<?> list) return i >= 0 && i < list.size() ? list.get(i) : null;
    if (container.getClass().isArray() && !container.getClass().getComponentType().isPrimitive()) {
      return i >= 0 && i < Array.getLength(container) ? Array.get(container, i) : null;
    }
    return null;
  }

  private static Field find(Class<?> type, String name) {
    for (Class<?> c = type; below(c); c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) return f;
      }
    }
    return null;
  }

  private static List<String> instanceFields(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Class<?> c = type; below(c); c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) names.add(f.getName());
      }
    }
    return names;
  }

  /** Whether the walk opens {@code c}'s fields: not the framework's, not the JDK's. */
  private static boolean below(Class<?> c) {
    return c != null && !ClassOrigins.isJdk(c) && !ClassOrigins.isFramework(c);
  }
}

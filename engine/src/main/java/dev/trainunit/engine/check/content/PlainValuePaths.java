package dev.trainunit.engine.check.content;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The paths, from a trainable, of the fields that hold a plain value (a number, a boolean, a
 * string) a predicate wants, however deep in the objects of the model author's and other libraries'
 * classes they lie: {@code model.eta} for a learning rate a library keeps inside its model, where
 * the field comparison stops at {@code model}. The JDK's and the framework's objects are not
 * opened; the objects a list or an array holds are, named by their index ({@link FieldPaths} reads
 * and sets what it finds).
 */
@API(status = API.Status.INTERNAL)
public final class PlainValuePaths {

  /** Fields below the trainable looked into at most: a hyperparameter sits near the top. */
  static final int MAX_DEPTH = 8;

  /** Objects opened at most: a big model's graph can hold millions of them. */
  static final int MAX_OBJECTS = 20_000;

  /** Elements of one list or array opened at most. */
  static final int MAX_ELEMENTS = 1_000;

  private PlainValuePaths() {}

  private record Node(Object object, String path, int depth) {}

  /** In the order of a breadth-first walk: the shallowest path to a field first. */
  public static List<String> holding(Object trainable, Predicate<Object> wanted) {
    List<String> found = new ArrayList<>();
    Set<Object> opened = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Node> queue = new ArrayDeque<>();
    queue.add(new Node(trainable, "", 0));
    opened.add(trainable);
    while (!queue.isEmpty() && opened.size() <= MAX_OBJECTS) {
      Node node = queue.removeFirst();
      for (Class<?> c = node.object().getClass(); opens(c); c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) continue;
          Object value;
          try {
            field.setAccessible(true);
            value = field.get(node.object());
          } catch (RuntimeException | IllegalAccessException e) {
            continue; // a field the module system keeps closed: nothing to read
          }
          String path =
              node.path().isEmpty() ? field.getName() : node.path() + "." + field.getName();
          if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            if (wanted.test(value)) found.add(path);
          } else if (node.depth() + 1 < MAX_DEPTH) {
            enqueue(value, path, node.depth() + 1, queue, opened);
          }
        }
      }
    }
    return found;
  }

  /**
   * Queues an object to open; a list's or an array's objects by their index ({@code
   * confs[0].layer}), since a library keeps per-layer settings in one (DL4J's layer
   * configurations).
   */
  private static void enqueue(
      Object value, String path, int depth, Deque<Node> queue, Set<Object> opened) {
    if (value == null) return;
    List<?> elements =
        value instanceof List<?> list
            ? list
            : value instanceof Object[] array ? Arrays.asList(array) : List.of();
    if (value instanceof List<?> || value instanceof Object[]) {
      for (int i = 0; i < Math.min(elements.size(), MAX_ELEMENTS); i++) {
        Object e = elements.get(i);
        if (e != null && opens(e.getClass()) && opened.add(e)) {
          queue.addLast(new Node(e, path + "[" + i + "]", depth));
        }
      }
    } else if (!value.getClass().isArray() && opens(value.getClass()) && opened.add(value)) {
      queue.addLast(new Node(value, path, depth));
    }
  }

  private static boolean opens(Class<?> c) {
    return c != null && !ClassOrigins.isJdk(c) && !ClassOrigins.isFramework(c);
  }
}

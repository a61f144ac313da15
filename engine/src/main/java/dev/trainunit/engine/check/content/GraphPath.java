package dev.trainunit.engine.check.content;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a walk over two object graphs is, built by appending one step at a time and rendered only
 * when a difference is reported there: most of a big model's graph is walked without ever being
 * named.
 *
 * <p>Rendered as Java would read it: {@code State.weights[3]}, {@code map.get("lr")}. A root with
 * an empty name renders a leading field without its dot ({@code rng.state}), the form a model
 * author uses to name a field of their trainable. Paths are compared by identity only.
 */
final class GraphPath {

  enum Step {
    ROOT,
    FIELD,
    INDEX,
    KEY
  }

  // A class, not a record: a record's equals and hashCode would recurse down the parents.
  private final GraphPath parent;
  private final Step step;
  private final String text;

  private GraphPath(GraphPath parent, Step step, String text) {
    this.parent = parent;
    this.step = step;
    this.text = text;
  }

  static GraphPath root(String name) {
    return new GraphPath(null, Step.ROOT, name);
  }

  GraphPath field(String name) {
    return new GraphPath(this, Step.FIELD, name);
  }

  GraphPath index(int i) {
    return new GraphPath(this, Step.INDEX, Integer.toString(i));
  }

  GraphPath key(Object key) {
    return new GraphPath(
        this, Step.KEY, key instanceof String s ? "\"" + s + "\"" : Values.describe(key));
  }

  /**
   * The path as dotted field names from the root ({@code net.scratch}), or null when it passes an
   * index or a key.
   */
  String dotted() {
    StringBuilder out = new StringBuilder();
    for (GraphPath p : fromRoot(null)) {
      if (p.step == Step.ROOT) continue;
      if (p.step != Step.FIELD) return null;
      if (out.length() > 0) out.append('.');
      out.append(p.text);
    }
    return out.toString();
  }

  /**
   * The steps below {@code ancestor}, e.g. {@code [2].w} below {@code layers}; empty at the
   * ancestor itself.
   */
  String relativeTo(GraphPath ancestor) {
    StringBuilder out = new StringBuilder();
    for (GraphPath p : fromRoot(ancestor)) out.append(p.rendered());
    return out.toString();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (GraphPath p : fromRoot(null)) {
      String segment = p.rendered();
      out.append(out.length() == 0 && p.step == Step.FIELD ? segment.substring(1) : segment);
    }
    return out.toString();
  }

  private String rendered() {
    return switch (step) {
      case ROOT -> text;
      case FIELD -> "." + text;
      case INDEX -> "[" + text + "]";
      case KEY -> ".get(" + text + ")";
    };
  }

  /** The steps from the root (or from just below {@code ancestor}) down to this one. */
  private Deque<GraphPath> fromRoot(GraphPath ancestor) {
    Deque<GraphPath> steps = new ArrayDeque<>();
    for (GraphPath p = this; p != null && p != ancestor; p = p.parent) steps.push(p);
    return steps;
  }
}

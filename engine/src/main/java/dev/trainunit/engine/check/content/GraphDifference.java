package dev.trainunit.engine.check.content;

/**
 * One place where two object graphs hold different state, as {@link GraphWalk} found it; the walk
 * only says where and what kind, and its user words it for its own message.
 *
 * @param path where, from the walk's root
 * @param a what the first graph holds there (null for a field that cannot be read)
 * @param b what the second graph holds there
 * @param declared the declared type when {@code path} ends in a field ({@code long} for a field
 *     whose value arrives boxed), else null
 * @param detail what {@link Kind} says it is, or null
 * @param within in a walk that reports each container once, the container this is the first
 *     difference of; else null
 */
record GraphDifference(
    Kind kind,
    GraphPath path,
    Object a,
    Object b,
    Class<?> declared,
    Object detail,
    GraphWalk.Within within) {

  enum Kind {
    /**
     * Values of a value type differ, one side is null, or the two sides are of different classes.
     */
    VALUE,
    /** Two arrays of different lengths. */
    LENGTH,
    /**
     * Two primitive arrays of one length; {@code detail} is the first index at which they differ.
     */
    ELEMENTS,
    /** Two maps or collections of different sizes. */
    SIZE,
    /** {@code detail} is a key of map {@code a} that map {@code b} does not hold. */
    MISSING_KEY,
    /** {@code detail} is an element of set {@code a} that set {@code b} does not hold. */
    MISSING_ELEMENT,
    /**
     * One side holds one object in two places, the other two objects; {@code detail} is a {@link
     * Sharing}.
     */
    SHARING,
    /**
     * Two objects compared as a whole differ; {@code detail} says by what ("equals", "serial
     * form").
     */
    WHOLE,
    /** Nothing could tell the two apart, or comparing them failed; {@code detail} is the reason. */
    NOT_COMPARABLE
  }

  /**
   * @param secondSide whether the second graph is the one holding the object in two places
   * @param elsewhere the other place, where the walk met the object first
   */
  record Sharing(boolean secondSide, GraphPath elsewhere) {}

  /** {@code detail} as the string the kinds WHOLE and NOT_COMPARABLE give. */
  String reason() {
    return String.valueOf(detail);
  }
}

package dev.trainunit.engine.check.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares two objects whose fields a walk does not open (a JDK class the module system keeps
 * closed, a library's class): by their own {@code equals} where the class defines one, else by
 * their Java serial form, which is stable for the JDK's classes ({@code java.util.Random}, the
 * atomics) though not for every library's (Weka re-sizes its hash tables on a restore).
 *
 * <p>Never throws: an {@code equals} or a {@code writeObject} that fails only means that way cannot
 * tell, and the failure is kept as the reason when no way can.
 */
final class WholeComparison {

  /**
   * Whether a class has an {@code equals} of its own: an inherited {@code Object.equals} is
   * identity.
   */
  private static final ClassValue<Boolean> OVERRIDES_EQUALS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
          } catch (NoSuchMethodException | SecurityException e) {
            return false; // no public equals to call: the serial form decides
          }
        }
      };

  private WholeComparison() {}

  /** What comparing as a whole found. */
  enum Outcome {
    SAME,
    DIFFERENT,
    CANNOT_TELL
  }

  /**
   * @param how for {@code DIFFERENT}, what told them apart ("equals", "serial form"); for {@code
   *     CANNOT_TELL}, why nothing could, e.g. {@code not Serializable} or the exception an attempt
   *     threw
   */
  record Verdict(Outcome outcome, String how) {}

  /** Compares {@code a} and {@code b}, two objects of one class: by equals, else by serial form. */
  static Verdict compare(Object a, Object b) {
    List<String> failures = new ArrayList<>();
    Verdict verdict = byEquals(a, b, failures);
    return verdict != null ? verdict : bySerialForm(a, b, failures);
  }

  /**
   * Compares {@code a} and {@code b} by their class's own equals only: for a library's objects
   * whose serial form is not stable across a restore (Weka's models re-size their hash tables), so
   * that their fields decide when there is no equals.
   */
  static Verdict byEquals(Object a, Object b) {
    List<String> failures = new ArrayList<>();
    Verdict verdict = byEquals(a, b, failures);
    return verdict != null ? verdict : cannotTell(failures);
  }

  /**
   * The verdict of equals, or null (with the reason added to {@code failures}) when it cannot tell.
   */
  private static Verdict byEquals(Object a, Object b, List<String> failures) {
    if (!OVERRIDES_EQUALS.get(a.getClass())) return null; // the usual case, no failure to report
    try {
      return a.equals(b) ? same() : new Verdict(Outcome.DIFFERENT, "equals");
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failures.add("equals threw " + e);
      return null;
    }
  }

  private static Verdict bySerialForm(Object a, Object b, List<String> failures) {
    if (!(a instanceof Serializable)) {
      failures.add(a.getClass().getName() + " is not Serializable");
      return cannotTell(failures);
    }
    try {
      return Arrays.equals(serialForm(a), serialForm(b))
          ? same()
          : new Verdict(Outcome.DIFFERENT, "serial form");
    } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
      failures.add("serializing it threw " + e); // e.g. NotSerializableException for a member
      return cannotTell(failures);
    }
  }

  private static Verdict cannotTell(List<String> failures) {
    return new Verdict(Outcome.CANNOT_TELL, String.join("; ", failures));
  }

  private static Verdict same() {
    return new Verdict(Outcome.SAME, "");
  }

  private static byte[] serialForm(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }
}

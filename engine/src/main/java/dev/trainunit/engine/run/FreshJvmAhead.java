package dev.trainunit.engine.run;

import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Keeps one new JVM started ahead for the subject whose {@code fresh-jvm-restore} comes next, so
 * that the JVM boots while the engine runs other checks. A JVM must be started in its trial's own
 * directory, under its subject's directory, so it can only be started ahead for a subject that
 * exists: subjects line up when they are made (as their trainable's container starts), and the
 * first one in line gets the JVM.
 *
 * <p>Nothing is started ahead for an output root until a subject of it has asked for a JVM, so a
 * run that does not select {@code fresh-jvm-restore} starts none. In a run that does, the JVM for
 * the next subject starts when the current one is taken, or when the next subject is made. At most
 * one JVM waits at a time; one that waits for a subject which did not come first (its check was not
 * selected, or a parallel run reached another subject first) is ended, and that subject starts its
 * own when it comes. Subjects that are gone leave the line by themselves (it holds them weakly), so
 * a run that never asks for a JVM keeps nothing alive; a JVM nobody takes exits when this JVM does
 * (its stdin closes) or after two idle minutes.
 */
final class FreshJvmAhead {

  private static final Object LOCK = new Object();
  private static final List<WeakReference<TrialSubject>> LINE = new ArrayList<>();
  private static final Set<Path> ROOTS_IN_USE = new HashSet<>();
  private static TrialSubject waitingFor;
  private static FreshJvm.Spare waiting;

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  synchronized (LOCK) {
                    if (waiting != null) waiting.close();
                  }
                },
                "trainunit-fresh-jvm-spare-reaper"));
  }

  private FreshJvmAhead() {}

  /** Puts a new subject in line for a JVM started ahead. */
  static void lineUp(TrialSubject subject) {
    synchronized (LOCK) {
      LINE.add(new WeakReference<>(subject));
      startAheadForNext();
    }
  }

  /** A new JVM for {@code subject}'s restore: the one started ahead for it, or one started now. */
  static FreshJvm.Spare take(TrialSubject subject) {
    synchronized (LOCK) {
      ROOTS_IN_USE.add(subject.outputRoot());
      leaveLine(subject);
      FreshJvm.Spare ahead = waiting;
      boolean forThisSubject = waitingFor == subject;
      waiting = null;
      waitingFor = null;
      FreshJvm.Spare spare;
      if (ahead != null && forThisSubject && ahead.isAlive()) {
        spare = ahead;
      } else {
        if (ahead != null) ahead.close();
        spare = startFor(subject);
      }
      startAheadForNext();
      return spare;
    }
  }

  /**
   * Starts a JVM for the first subject in line whose output root is in use, if none is waiting.
   * When that JVM cannot be started, the subject goes back to the head of the line and nothing
   * waits: its own {@link #take} then starts one and fails with the reason, in its own check.
   */
  private static void startAheadForNext() {
    if (waiting != null) return;
    for (Iterator<WeakReference<TrialSubject>> it = LINE.iterator(); it.hasNext(); ) {
      WeakReference<TrialSubject> entry = it.next();
      TrialSubject next = entry.get();
      if (next == null) {
        it.remove();
      } else if (ROOTS_IN_USE.contains(next.outputRoot())) {
        try {
          waiting = startFor(next);
        } catch (UncheckedIOException e) {
          return; // left in line; see above
        }
        it.remove();
        waitingFor = next;
        return;
      }
    }
  }

  private static void leaveLine(TrialSubject subject) {
    LINE.removeIf(ref -> ref.get() == null || ref.get() == subject);
  }

  private static FreshJvm.Spare startFor(TrialSubject subject) {
    return FreshJvm.start(
        subject.declaration().trainableClass(),
        subject.newTrial("fresh-jvm-trial"),
        subject.directories().next("fresh-jvm-io"));
  }
}

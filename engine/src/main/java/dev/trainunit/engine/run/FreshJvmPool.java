package dev.trainunit.engine.run;

import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The new JVMs of one engine execution: keeps one started ahead for the subject whose {@code
 * fresh-jvm-restore} comes next, so that it boots while the engine runs other checks. A JVM must be
 * started in its trial's own directory, under its subject's directory, so it can only be started
 * ahead for a subject that exists: subjects line up when they are made (as their trainable's
 * container starts), and the first one in line gets the JVM.
 *
 * <p>Nothing is started ahead until a subject has asked for a JVM, so an execution that does not
 * select {@code fresh-jvm-restore} starts none. In one that does, the JVM for the next subject
 * starts when the current one is taken, or when the next subject is made. At most one JVM waits at
 * a time; one that waits for a subject which did not come first (its check was not selected, or a
 * parallel run reached another subject first) is ended, and that subject starts its own when it
 * comes. The line holds subjects weakly, so a subject that is gone keeps nothing alive. The engine
 * execution closes the pool when it ends, which ends the JVM still waiting; one left behind by a
 * parent that died exits when its stdin closes, or after two idle minutes.
 */
@API(status = API.Status.INTERNAL)
public final class FreshJvmPool implements AutoCloseable {

  private final List<WeakReference<TrialSubject>> line = new ArrayList<>();
  private final FreshJvmCds cds;
  private boolean inUse;
  private boolean closed;
  private TrialSubject waitingFor;
  private FreshJvm waiting;

  /** A pool whose JVMs start without a class-data archive. */
  public FreshJvmPool() {
    this(null);
  }

  /**
   * A pool whose JVMs use a class-data archive of the leading jars of their class path, made once
   * in {@code archiveDir} ({@link FreshJvmCds}).
   */
  public FreshJvmPool(Path archiveDir) {
    this.cds = new FreshJvmCds(archiveDir);
  }

  /** Puts a new subject in line for a JVM started ahead. */
  synchronized void lineUp(TrialSubject subject) {
    line.add(new WeakReference<>(subject));
    startAheadForNext();
  }

  /** A new JVM for {@code subject}'s restore: the one started ahead for it, or one started now. */
  synchronized FreshJvm take(TrialSubject subject) {
    inUse = true;
    line.removeIf(ref -> ref.get() == null || ref.get() == subject);
    FreshJvm ahead = waiting;
    boolean forThisSubject = waitingFor == subject;
    waiting = null;
    waitingFor = null;
    FreshJvm jvm;
    if (ahead != null && forThisSubject && ahead.isAlive()) {
      jvm = ahead;
    } else {
      if (ahead != null) ahead.close();
      jvm = startFor(subject);
    }
    startAheadForNext();
    return jvm;
  }

  /** Ends the JVM still waiting, and starts none ahead from now on. */
  @Override
  public synchronized void close() {
    closed = true;
    cds.close();
    line.clear();
    if (waiting != null) waiting.close();
    waiting = null;
    waitingFor = null;
  }

  /**
   * Starts a JVM for the first subject in line, if the pool is in use and none is waiting. When
   * that JVM cannot be started, the subject stays at the head of the line and nothing waits: its
   * own {@link #take} then starts one and fails with the reason, in its own check.
   */
  private void startAheadForNext() {
    if (!inUse || closed || waiting != null) return;
    for (Iterator<WeakReference<TrialSubject>> it = line.iterator(); it.hasNext(); ) {
      TrialSubject next = it.next().get();
      if (next == null) {
        it.remove();
        continue;
      }
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

  private FreshJvm startFor(TrialSubject subject) {
    return FreshJvm.start(
        subject.declaration().trainableClass(),
        subject.newTrial("fresh-jvm-trial"),
        subject.directories().next("fresh-jvm-io"),
        cds);
  }
}

package dev.trainunit.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiguardian.api.API;

/**
 * The hook threads of this JVM that ran past their timeout and ignored the interrupt: Java cannot
 * end them, so they keep running (spinning, often) for as long as the JVM does, and take CPU from
 * everything that comes after. Their priority is lowered, and the end of each engine run names
 * them, so that slower later results are not a mystery: the JVM is no longer clean.
 *
 * <p>One list per JVM, because that is what they burden: threads outlive the engine run that
 * abandoned them.
 */
@API(status = API.Status.INTERNAL)
public final class AbandonedThreads {

  /** A thread left running by a timed-out hook: which trainable and hook it ran. */
  public record Abandoned(String trainable, String hook, Thread thread) {
    /** {@code com.acme.Model.step() (thread 'trainunit-Model-reference')}. */
    public String render() {
      return trainable + "." + hook + " (thread '" + thread.getName() + "')";
    }
  }

  private static final List<Abandoned> ABANDONED = new CopyOnWriteArrayList<>();

  private AbandonedThreads() {}

  /**
   * Records {@code thread}, which was interrupted after {@code hook} of {@code trainable} timed
   * out.
   */
  static void add(String trainable, String hook, Thread thread) {
    try {
      thread.setPriority(Thread.MIN_PRIORITY);
    } catch (SecurityException e) {
      // a security manager that forbids it: the thread is still named at the end
    }
    ABANDONED.add(new Abandoned(trainable, hook, thread));
  }

  /** Those still running now, in the order they were abandoned. */
  public static List<Abandoned> stillRunning() {
    List<Abandoned> running = new ArrayList<>();
    for (Abandoned a : ABANDONED) if (a.thread().isAlive()) running.add(a);
    return running;
  }
}

package dev.trainunit.engine.check;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;

/**
 * Asks the JVM to collect garbage, a bounded number of times, until a weak reference clears: the
 * proof that nothing holds an instance any more. It usually clears at the first collection; the
 * later attempts, with short pauses, are for collectors that finish their work concurrently.
 *
 * <p>{@code System.gc()} is a request: a JVM run with {@code -XX:+DisableExplicitGC} (or the
 * Epsilon collector) ignores it. The collectors' own counts tell whether a collection ran, so that
 * such a JVM gets "not judged" rather than a verdict on garbage nobody collected.
 */
final class GarbageCollection {

  static final int ATTEMPTS = 8;

  enum Outcome {
    /** The referent was collected. */
    COLLECTED,
    /** Collections ran and the referent is still there: something holds it. */
    STILL_REACHABLE,
    /** No collection ran at all: nothing can be told. */
    NO_COLLECTION
  }

  private GarbageCollection() {}

  /** Collects until {@code ref} clears, at most {@link #ATTEMPTS} times. */
  static Outcome collect(Reference<?> ref) throws InterruptedException {
    long before = collections();
    for (int i = 1; i <= ATTEMPTS; i++) {
      System.gc();
      if (ref.refersTo(null)) return Outcome.COLLECTED;
      Thread.sleep(10L * i);
      if (ref.refersTo(null)) return Outcome.COLLECTED;
    }
    return collections() > before ? Outcome.STILL_REACHABLE : Outcome.NO_COLLECTION;
  }

  /** One collection; whether one ran. */
  static boolean collectOnce() {
    long before = collections();
    System.gc();
    return collections() > before;
  }

  /** The collections every collector of this JVM has made, as far as they count them. */
  static long collections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }
}

package dev.trainunit.engine.check;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.engine.check.GarbageCollection.Outcome;
import dev.trainunit.engine.check.content.Holders;
import dev.trainunit.engine.check.content.Holders.Found;
import dev.trainunit.engine.check.content.Holders.Search;
import dev.trainunit.engine.run.TrainableDriver;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The part of {@code cleanup} that judges the instance itself: once stop() has returned and the
 * engine has let go of it, a garbage collection frees it. A trainable that registers itself in a
 * static registry, a listener list, a {@code ThreadLocal} or a shutdown hook is kept alive with its
 * model, data and optimizer for the life of the JVM, one more with every trial of a tuning run.
 *
 * <p>In rounds, so that a {@code ThreadLocal} is told from the rest and a cache of one from a leak:
 * first with the thread that ran the hooks still alive, as a tuner's pooled thread would be; when
 * the instance survives that, again once that thread has ended (a thread that ends drops its {@code
 * ThreadLocal} values). Freed only then, it was a {@code ThreadLocal} set in a hook. Still not
 * freed, it is collected once more after later instances have run ({@link #problem}): freed by
 * then, what held it keeps only the latest instance (a library's "current model"), which does not
 * grow with every trial and is not judged; still not freed, something holds every instance, and
 * {@link Holders} looks for what.
 */
final class InstanceRelease {

  static final String REPORT_KEY = "cleanup-release";

  /** How long the driver's thread, idle by now, gets to end. */
  static final Duration THREAD_END = Duration.ofSeconds(2);

  private static final String COST =
      ", so every trial of a tuning run would keep its model, data and optimizer alive for the life"
          + " of the JVM";

  /** Where the first rounds left the instance. */
  private enum State {
    /** Freed, or not judged (no collection ran): nothing more to say. */
    SETTLED,
    /** Freed only once its hook thread ended. */
    IN_THREAD_LOCAL,
    /** Not freed yet: judged after later instances ran. */
    RETAINED
  }

  private final CheckContext context;
  private final WeakReference<AbstractTrainable> released;
  private final State state;

  private InstanceRelease(
      CheckContext context, WeakReference<AbstractTrainable> released, State state) {
    this.context = context;
    this.released = released;
    this.state = state;
  }

  /** Lets go of the stopped instance of {@code driver} and ends its thread: the first rounds. */
  static InstanceRelease letGo(CheckContext context, TrainableDriver driver)
      throws InterruptedException {
    WeakReference<AbstractTrainable> released = driver.release();
    Outcome whileThreadLives = GarbageCollection.collect(released);
    boolean threadEnded = driver.endThread(THREAD_END);
    State state =
        switch (whileThreadLives) {
          case COLLECTED -> {
            context.report(REPORT_KEY, "freed by a garbage collection once stop() had returned");
            yield State.SETTLED;
          }
          case NO_COLLECTION -> {
            context.report(
                REPORT_KEY,
                "not judged: System.gc() ran no collection in this JVM (-XX:+DisableExplicitGC?)");
            yield State.SETTLED;
          }
          case STILL_REACHABLE ->
              threadEnded && GarbageCollection.collect(released) == Outcome.COLLECTED
                  ? State.IN_THREAD_LOCAL
                  : State.RETAINED;
        };
    return new InstanceRelease(context, released, state);
  }

  /**
   * What still holds the instance, judged once later instances of the trainable have run.
   *
   * @param threadsLeft whether the instance left threads running, which may be what holds it
   */
  Optional<String> problem(boolean threadsLeft) throws InterruptedException {
    return switch (state) {
      case SETTLED -> Optional.empty();
      case IN_THREAD_LOCAL -> Optional.of(heldByThreadLocal(context));
      case RETAINED -> {
        if (GarbageCollection.collect(released) == Outcome.COLLECTED) {
          context.report(
              REPORT_KEY,
              "kept after stop(), but freed once later instances had run: what held it keeps only"
                  + " the latest instance, which does not grow with every trial");
          yield Optional.empty();
        }
        yield heldBy(context, released, threadsLeft);
      }
    };
  }

  private static String heldByThreadLocal(CheckContext context) throws InterruptedException {
    List<String> threadLocals = Holders.staticThreadLocals(context.declaration().trainableClass());
    return "the instance itself was freed only once the thread that ran its hooks had ended: a"
        + " ThreadLocal set in one of its hooks holds it"
        + (threadLocals.isEmpty()
            ? ""
            : " (static ThreadLocal fields its code names: "
                + String.join(", ", threadLocals)
                + ")")
        + ". A tuner runs trials on pooled threads that outlive them"
        + COST
        + " — call remove() on the ThreadLocal in cleanup()";
  }

  /** What holds the instance, which {@link GarbageCollection} found still reachable. */
  private static Optional<String> heldBy(
      CheckContext context, WeakReference<AbstractTrainable> released, boolean threadsLeft)
      throws InterruptedException {
    AbstractTrainable instance = released.get();
    if (instance == null) {
      context.report(REPORT_KEY, "freed at last, after the collections that found it reachable");
      return Optional.empty();
    }
    Search search = Holders.holderOf(instance, context.declaration().trainableClass());
    StringBuilder sb =
        new StringBuilder(
            "the instance itself is still reachable after stop(), though TrainUnit let go of it");
    Optional<Found> found = search.found();
    if (found.isPresent()) {
      Found f = found.get();
      sb.append(": ").append(f.holder()).append(" holds it");
      if (!f.path().isEmpty() && !f.holder().endsWith(f.path())) {
        sb.append(" (at ").append(f.path()).append(')');
      }
      sb.append(COST).append(" — ").append(remedy(f)).append(" in cleanup()");
      return Optional.of(sb.toString());
    }
    sb.append(COST)
        .append(". What holds it could not be told: ")
        .append(search.scope())
        .append(" do not lead to it");
    if (!search.notInspected().isEmpty()) {
      sb.append("; not inspected: ").append(String.join("; ", search.notInspected()));
    }
    sb.append(
            ". Look for a static collection, a listener list, a shutdown hook or a ThreadLocal it")
        .append(" is added to and never taken out of");
    if (threadsLeft) sb.append(" — or the threads above, which may hold it");
    return Optional.of(sb.toString());
  }

  private static String remedy(Found f) {
    return switch (f.kind()) {
      case STATIC_FIELD -> "take it out of there";
      case SHUTDOWN_HOOK -> "remove the hook (Runtime.getRuntime().removeShutdownHook)";
      case THREAD_LOCAL -> "call remove() on the ThreadLocal";
      case THREAD -> "stop that thread";
    };
  }
}

package dev.trainunit.engine.check.content;

import dev.trainunit.engine.check.content.StrongReach.Root;
import dev.trainunit.engine.check.content.StrongReach.Walked;
import java.nio.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * What keeps a stopped trainable's things alive, found by walking from where a leak lives (see
 * {@link HolderRoots}): the evidence the cleanup check's failure message names. Only ever asked
 * once the check has already found a leak, so nothing here can turn a pass into a failure.
 *
 * <p>Each search runs on a daemon thread of its own and is given {@link #TIME_LIMIT}: reading a
 * static field may run a class's initializer, and a search must never hang the run.
 */
@API(status = API.Status.INTERNAL)
public final class Holders {

  /** The most objects one search visits. */
  static final long BUDGET = 200_000;

  static final Duration TIME_LIMIT = Duration.ofSeconds(20);

  private Holders() {}

  /** What kind of thing holds it, for the remedy a message suggests. */
  public enum Kind {
    STATIC_FIELD,
    SHUTDOWN_HOOK,
    THREAD_LOCAL,
    THREAD
  }

  /**
   * Where a search found what it looked for: {@code holder} as a model author names it ({@code
   * static field com.acme.Registry.LISTENERS}) and the {@code path} from it ({@code
   * Registry.LISTENERS[3]}).
   */
  public record Found(Kind kind, String holder, String path) {}

  /**
   * How a search for the holder of one object went.
   *
   * @param found the first, shortest path to it, if any
   * @param scope what was searched, for a message when nothing was found: "the static fields of 14
   *     classes its code names and 23 live threads (51203 objects)"
   * @param notInspected what could not be looked at, and why
   */
  public record Search(Optional<Found> found, String scope, List<String> notInspected) {}

  /**
   * What holds {@code target}: the static fields of the classes of {@code trainable}'s code, the
   * shutdown hooks and the live threads.
   */
  public static Search holderOf(Object target, Class<?> trainable) throws InterruptedException {
    return bounded(
        () -> {
          HolderRoots roots = HolderRoots.of(trainable, true);
          Found[] found = new Found[1];
          Walked walked =
              StrongReach.walk(
                  roots.roots(),
                  BUDGET,
                  (root, object, path) -> {
                    if (object != target) return true;
                    found[0] = found(root, path);
                    return false;
                  });
          return new Search(
              Optional.ofNullable(found[0]), scope(roots, walked), notInspected(roots, walked));
        },
        why -> new Search(Optional.empty(), "nothing", List.of("anything: " + why)));
  }

  /**
   * The static fields among those of {@code trainable}'s code that reach the most direct buffers
   * (what the JVM's direct memory is spent on), most first, at most 3; and what could not be looked
   * at.
   */
  public static DirectBufferHolders directBuffersIn(Class<?> trainable)
      throws InterruptedException {
    return bounded(
        () -> {
          HolderRoots roots = HolderRoots.of(trainable, false);
          Map<Root, DirectBuffers> byRoot = new IdentityHashMap<>();
          Walked walked =
              StrongReach.walk(
                  roots.roots(),
                  BUDGET,
                  (root, object, path) -> {
                    if (object instanceof Buffer b && b.isDirect()) {
                      byRoot.merge(
                          root,
                          new DirectBuffers(root.holder(), 1, b.capacity()),
                          DirectBuffers::plus);
                    }
                    return true;
                  });
          List<DirectBuffers> most =
              byRoot.values().stream()
                  .sorted(Comparator.comparingLong(DirectBuffers::capacity).reversed())
                  .limit(3)
                  .toList();
          return new DirectBufferHolders(most, notInspected(roots, walked));
        },
        why -> new DirectBufferHolders(List.of(), List.of("anything: " + why)));
  }

  /**
   * The static fields of {@code trainable}'s code that hold a {@link ThreadLocal}: the likely
   * holders when an instance stays reachable only while the thread that ran its hooks lives (a
   * thread's values cannot be read without opening {@code java.lang}). When the search fails, its
   * one element says why.
   */
  public static List<String> staticThreadLocals(Class<?> trainable) throws InterruptedException {
    return bounded(
        () ->
            HolderRoots.of(trainable, false).roots().stream()
                .filter(r -> r.value() instanceof ThreadLocal<?>)
                .map(Root::name)
                .toList(),
        why -> List.of("none that could be read: " + why));
  }

  /** The holders of the most direct buffers, and what the search could not look at. */
  public record DirectBufferHolders(List<DirectBuffers> most, List<String> notInspected) {}

  /**
   * The direct buffers one holder reaches.
   *
   * @param capacity their capacities summed, in elements (bytes for a {@code ByteBuffer})
   */
  public record DirectBuffers(String holder, int buffers, long capacity) {
    DirectBuffers plus(DirectBuffers more) {
      return new DirectBuffers(holder, buffers + more.buffers, capacity + more.capacity);
    }
  }

  /**
   * A ThreadLocal's value lives in the thread, so a path through one names the thread's locals: "a
   * ThreadLocal of thread "pool-1-thread-1"".
   */
  private static Found found(Root root, GraphPath path) {
    String p = path.toString();
    if (root.value() instanceof Thread t
        && (p.startsWith("thread.threadLocals") || p.startsWith("thread.inheritableThreadLocals")))
      return new Found(Kind.THREAD_LOCAL, "a ThreadLocal of thread \"" + t.getName() + "\"", p);
    return new Found(root.kind(), root.holder(), p);
  }

  /** "the static fields of 8 classes its code names and 10 live threads (26 objects)". */
  private static String scope(HolderRoots roots, Walked walked) {
    List<String> parts = new ArrayList<>();
    parts.add(
        "the static fields of "
            + roots.classes()
            + (roots.classes() == 1 ? " class" : " classes")
            + " its code names");
    if (roots.hooks() >= 0) parts.add(count(roots.hooks(), "shutdown hook"));
    if (roots.threads() >= 0) parts.add(count(roots.threads(), "live thread"));
    String last = parts.remove(parts.size() - 1);
    return (parts.isEmpty() ? last : String.join(", ", parts) + " and " + last)
        + " ("
        + walked.visited()
        + (walked.outOfBudget() ? " objects, where the search stopped" : " objects")
        + ")";
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static List<String> notInspected(HolderRoots roots, Walked walked) {
    List<String> not = new ArrayList<>(roots.notInspected());
    if (walked.unreadable() > 0) {
      not.add(
          "the insides of "
              + walked.unreadable()
              + (walked.unreadable() == 1 ? " object" : " objects")
              + " on the way, e.g. "
              + walked.firstUnreadable());
    }
    return not;
  }

  /** What a search that did not finish gives, from why it did not. */
  private interface Unfinished<T> {
    T because(String why);
  }

  /**
   * {@code search}, run on a daemon thread of its own for at most {@link #TIME_LIMIT}; what {@code
   * unfinished} makes of the reason when it fails or takes longer.
   */
  private static <T> T bounded(Callable<T> search, Unfinished<T> unfinished)
      throws InterruptedException {
    FutureTask<T> task = new FutureTask<>(search);
    Thread thread = new Thread(task, "trainunit-holder-search");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return unfinished.because("the search failed: " + e.getCause());
    } catch (TimeoutException e) {
      thread.interrupt();
      return unfinished.because("the search took longer than " + TIME_LIMIT.toSeconds() + " s");
    }
  }
}

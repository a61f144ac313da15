package dev.trainunit.engine.check;

import dev.trainunit.engine.run.TrainableDriver;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The throw-away lifecycle the cleanup check runs before the one it judges: setup, one train() and
 * stop() of an instance whose leftover threads are not judged.
 *
 * <p>Why: native libraries start a daemon thread once per process, on first use, in the thread
 * group of whichever thread uses them first (JavaCPP's "JavaCPP Deallocator", ND4J's
 * "DeallocatorServiceThread_0", JNA's "JNA Cleaner"). Without a warm-up such a thread lands in the
 * judged instance's group whenever cleanup is the first check to touch the library — run alone, or
 * first — and the verdict would depend on the order the checks ran in.
 *
 * <p>Not needed, and not run, when an instance of the trainable has already gone through a whole
 * lifecycle in this JVM (another check's, the reference run's): its first use is over. So cleanup
 * costs no extra step in a full run and one when it runs on its own.
 *
 * <p>Its leftover threads are told apart by kind (the name with its numbers left out): a kind the
 * judged instance left too is started per instance; one it did not is started once per process.
 */
final class CleanupWarmUp {

  static final String LABEL = "cleanup-warm-up";

  private static final Pattern NUMBERS = Pattern.compile("\\d+");

  /** The warm-up instance, or null when no warm-up was needed. */
  private final TrainableDriver driver;

  private CleanupWarmUp(TrainableDriver driver) {
    this.driver = driver;
  }

  /**
   * Runs the warm-up lifecycle unless an instance of the trainable already went through one in this
   * JVM.
   */
  static CleanupWarmUp runIfNeeded(CheckContext context) {
    if (TrainableDriver.completedLifecycle(context.declaration().trainableClass()))
      return new CleanupWarmUp(null);
    TrainableDriver driver = context.start(LABEL);
    CleanupCheck.trainAndStop(driver, 1);
    return new CleanupWarmUp(driver);
  }

  /** The warm-up instance's driver, if it ran: its thread group counts in the cleanup cycles. */
  List<TrainableDriver> drivers() {
    return driver == null ? List.of() : List.of(driver);
  }

  /**
   * The kinds of the warm-up's threads still alive. Call it after the judged instance's grace
   * period, so that warm-up threads that were on their way out are gone by then.
   */
  Set<String> leftoverKinds() throws InterruptedException {
    return leftovers().stream().map(CleanupWarmUp::kind).collect(Collectors.toSet());
  }

  /**
   * Says in a report entry whether the warm-up ran and which threads it left, of which kind,
   * unjudged.
   */
  void report(CheckContext context, List<Thread> judgedLeftovers) throws InterruptedException {
    if (driver == null) {
      context.report(
          LABEL,
          "not needed: an instance of "
              + context.trainableName()
              + " has already been through "
              + "setup, train and stop in this JVM, so what its libraries start once per process has started");
      return;
    }
    List<Thread> left = leftovers();
    if (left.isEmpty()) {
      context.report(
          LABEL,
          "setup, 1 train and stop of a throw-away instance first; it left no thread behind");
      return;
    }
    Set<String> judgedKinds =
        judgedLeftovers.stream().map(CleanupWarmUp::kind).collect(Collectors.toSet());
    String threads =
        left.stream()
            .map(
                t ->
                    "\""
                        + t.getName()
                        + "\" ("
                        + (judgedKinds.contains(kind(t))
                            ? "per instance: the judged instance left one of its kind too"
                            : "once per process: the judged instance started none of its kind")
                        + ")")
            .collect(Collectors.joining(", "));
    context.report(
        LABEL,
        "setup, 1 train and stop of a throw-away instance first; threads it left behind, not judged: "
            + threads);
  }

  /**
   * Interrupts the warm-up's threads of a kind the judged instance leaked too (they are leaks of
   * the same bug, see {@link CleanupCheck}'s courtesy); those started once per process are left
   * alone, since the process still needs them.
   */
  void interruptPerInstance(List<Thread> judgedLeftovers) throws InterruptedException {
    Set<String> judgedKinds =
        judgedLeftovers.stream().map(CleanupWarmUp::kind).collect(Collectors.toSet());
    leftovers().stream().filter(t -> judgedKinds.contains(kind(t))).forEach(Thread::interrupt);
  }

  private List<Thread> leftovers() throws InterruptedException {
    return driver == null ? List.of() : driver.liveThreads(Duration.ZERO);
  }

  /**
   * A thread's kind: its name without numbers, so "pool-3-thread-1" and "pool-4-thread-1" are one
   * kind.
   */
  static String kind(Thread thread) {
    return NUMBERS.matcher(thread.getName()).replaceAll("#");
  }
}

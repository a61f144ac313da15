package dev.trainunit.engine.check;

import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrainableDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code cleanup}: after {@code stop()}, no thread the trainable started is still alive, no file
 * under its trial directory is still open, the instance itself can be garbage collected ({@link
 * InstanceRelease}), and over a few more short lifecycles nothing it leaves in the JVM grows with
 * every one ({@link CleanupCycles}).
 *
 * <p>Threads: the driver runs the trainable in a thread group of its own, and every thread the
 * trainable starts (directly, or through an executor it creates) lands in that group. Only the
 * group of the judged instance counts, and a {@link CleanupWarmUp} lifecycle runs before it when
 * nothing has used the trainable in this JVM yet, so that the daemon threads native libraries start
 * once per process, on first use, start there and not in the judged group. Files: {@link OpenFiles}
 * lists the process's open descriptors; only those resolving under this instance's own trial
 * directory are counted, so files other trials open in a parallel run never count. Where {@code
 * /proc/self/fd} does not exist the file part is left out (and said so in a report entry); the
 * thread part still runs.
 *
 * <p>Leaked threads are interrupted once they have been reported, so that they do not pile up over
 * a long build; that is a courtesy, not a cure.
 */
final class CleanupCheck implements Check {

  /** How long threads and files already on their way out get after stop() returns. */
  static final Duration GRACE = Duration.ofMillis(500);

  private static final int MAX_FRAMES = 12;

  @Override
  public String id() {
    return "cleanup";
  }

  @Override
  public String description() {
    return "after stop() no thread the trainable started is still alive and no file under its trial"
        + " directory is still open (files: Linux only); once TrainUnit lets go of the instance, a"
        + " garbage collection frees it (no static field, ThreadLocal or shutdown hook still holds"
        + " it); and over "
        + CleanupCycles.CYCLES
        + " more cycles of setup, one train() and stop(), the threads it leaves, the files it keeps"
        + " open and the JVM's direct memory do not grow with every cycle. A throw-away instance"
        + " goes first when none has run in this JVM yet, so that the daemon threads native"
        + " libraries start once per process are not judged";
  }

  @Override
  public Set<String> tags() {
    return Set.of(CheckTags.SLOW);
  }

  /**
   * A whole lifecycle of its own, judged after stop(), and {@link CleanupCycles#CYCLES} of one step
   * each.
   */
  @Override
  public long plannedSteps(CheckContext context) {
    ReferenceRun reference = context.reference();
    return reference.length() + CleanupCycles.CYCLES;
  }

  @Override
  public void run(CheckContext context) throws Exception {
    CleanupWarmUp warmUp = CleanupWarmUp.runIfNeeded(context);
    TrainableDriver driver = context.start("cleanup");
    int iterations = trainAndStop(driver, context.declaration().iterations());

    List<String> problems = new ArrayList<>();
    List<Thread> leaked = driver.liveThreads(GRACE);
    warmUp.report(context, leaked);
    if (!leaked.isEmpty()) problems.add(describeThreads(leaked, warmUp.leftoverKinds()));

    boolean filesLeft = false;
    if (OpenFiles.listable()) {
      List<Path> open = OpenFiles.under(driver.logdir(), GRACE);
      filesLeft = !open.isEmpty();
      if (filesLeft) problems.add(describeFiles(open, driver.logdir()));
    } else {
      context.report(
          "open-files",
          "not checked: " + OpenFiles.PROC_FDS + " does not exist on this operating system");
    }
    InstanceRelease release = InstanceRelease.letGo(context, driver);

    List<TrainableDriver> started = new ArrayList<>(warmUp.drivers());
    started.add(driver);
    List<String> grown = CleanupCycles.run(context, started, leaked.isEmpty(), !filesLeft);
    release.problem(!leaked.isEmpty()).ifPresent(problems::add);
    problems.addAll(grown);
    leaked.forEach(Thread::interrupt);
    warmUp.interruptPerInstance(leaked);

    if (!problems.isEmpty()) {
      throw Failures.failed(
          "after "
              + iterations
              + " iterations and stop(), "
              + context.trainableName()
              + " has not released everything it holds:\n"
              + String.join("\n", problems));
    }
  }

  /**
   * Up to {@code iterations} train() calls, then stop().
   *
   * @return the iterations trained
   */
  static int trainAndStop(TrainableDriver driver, int iterations) {
    int trained = driver.train(iterations).size();
    try {
      driver.stop();
    } catch (RuntimeException e) {
      throw Failures.failed(
          "stop() failed, so nothing the trainable holds can be assumed released", e);
    }
    return trained;
  }

  /**
   * @param warmUpKinds the kinds of thread the warm-up instance left: a leaked one of such a kind
   *     is per instance
   */
  private static String describeThreads(List<Thread> threads, Set<String> warmUpKinds) {
    StringBuilder sb = new StringBuilder();
    sb.append(threads.size())
        .append(threads.size() == 1 ? " thread it started is" : " threads it started are")
        .append(
            " still alive — stop or join them in cleanup() (shutdownNow() and awaitTermination() for an executor):");
    for (Thread t : threads) {
      sb.append("\n  thread \"")
          .append(t.getName())
          .append("\" (")
          .append(t.getState())
          .append(t.isDaemon() ? ", daemon" : "")
          .append(')');
      if (warmUpKinds.contains(CleanupWarmUp.kind(t))) {
        sb.append(
            " — the warm-up instance left one of its kind too: one per instance, not once per process");
      }
      StackTraceElement[] stack = t.getStackTrace();
      for (int i = 0; i < Math.min(stack.length, MAX_FRAMES); i++)
        sb.append("\n      at ").append(stack[i]);
      if (stack.length > MAX_FRAMES)
        sb.append("\n      ... ").append(stack.length - MAX_FRAMES).append(" more");
    }
    return sb.toString();
  }

  private static String describeFiles(List<Path> files, Path logdir) {
    StringBuilder sb = new StringBuilder();
    sb.append(files.size())
        .append(files.size() == 1 ? " file" : " files")
        .append(" under its trial directory ")
        .append(logdir)
        .append(files.size() == 1 ? " is" : " are")
        .append(
            " still open — close streams and channels in cleanup() (or use try-with-resources):");
    for (Path f : files) sb.append("\n  ").append(f);
    return sb.toString();
  }
}

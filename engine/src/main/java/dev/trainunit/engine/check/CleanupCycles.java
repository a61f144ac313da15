package dev.trainunit.engine.check;

import dev.trainunit.engine.check.content.Holders;
import dev.trainunit.engine.check.content.Holders.DirectBufferHolders;
import dev.trainunit.engine.check.content.Holders.DirectBuffers;
import dev.trainunit.engine.run.TrainableDriver;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The part of {@code cleanup} that looks past one instance: {@link #CYCLES} more lifecycles of
 * setup, one train() and stop(), each let go of by the engine; what the trainable leaves in the JVM
 * must not grow with every one of them, as it would with every trial of a tuning run. Three things
 * are measured after each: the live threads in the thread groups of every instance the check
 * started (a pool created lazily by one instance and grown by each later one lands in the first
 * one's group), the files open outside the engine's output directory or under these instances' own
 * trial directories, and the JVM's direct memory.
 *
 * <p>The baseline is the end of the judged lifecycle, not the state before any: what a library
 * allocates once per process, on first use, is allocated by then. A leak is a growth at every one
 * of the cycles — a one-time allocation in cycle 2 is not one — and, for direct memory, of more
 * than {@link #DIRECT_TOLERANCE} each time. Files and direct memory that dead instances held are
 * given back only by a garbage collection, so a growth of those is confirmed after one (the only
 * collection the cycles ask for, and only then: collections are what a check costs in time). Direct
 * memory and files outside the output directory are the whole JVM's, so they are not judged in a
 * parallel run, where other trials move them; nor when {@code System.gc()} collects nothing.
 */
final class CleanupCycles {

  static final int CYCLES = 3;

  /** The least growth of direct memory per cycle that counts; smaller is I/O buffers' noise. */
  static final long DIRECT_TOLERANCE = 128 * 1024;

  static final String REPORT_KEY = "cleanup-cycles";

  /** How long direct memory gets to settle after a collection, as cleaners free buffers. */
  private static final Duration SETTLE = Duration.ofMillis(300);

  private static final int NEWEST_SHOWN = 3;

  /** What the trainable's instances leave in the JVM at one moment. */
  private record Level(List<Thread> threads, List<Path> files, long direct) {
    long threadCount() {
      return threads.size();
    }

    long fileCount() {
      return files.size();
    }
  }

  private final CheckContext context;
  private final List<TrainableDriver> drivers;
  private final boolean parallel;
  private final Path outputRoot;
  private final List<Level> levels = new ArrayList<>();

  /** The level after a collection, when a growth of files or direct memory asked for one. */
  private Level collected;

  /** Whether that collection ran; false when the JVM ignored System.gc(). */
  private boolean collectionRan;

  private CleanupCycles(CheckContext context, List<TrainableDriver> earlier) {
    this.context = context;
    this.drivers = new ArrayList<>(earlier);
    this.parallel = context.subject().settings().parallelEnabled();
    this.outputRoot = context.subject().outputRoot();
  }

  /**
   * Runs the cycles after the judged lifecycle and says what grew with every one.
   *
   * @param earlier the instances the check started before, the judged one included, all stopped and
   *     let go of
   * @param judgeThreads false when the judged instance already left threads (a growth would only
   *     repeat it)
   * @param judgeFiles false when the judged instance already left files open
   */
  static List<String> run(
      CheckContext context, List<TrainableDriver> earlier, boolean judgeThreads, boolean judgeFiles)
      throws IOException, InterruptedException {
    return new CleanupCycles(context, earlier).cycle(judgeThreads, judgeFiles);
  }

  private List<String> cycle(boolean judgeThreads, boolean judgeFiles)
      throws IOException, InterruptedException {
    // The baseline follows the collection that judged the instance: the cleaners of what it freed
    // are given their time, so that memory they free later does not hide a growth (in a parallel
    // run direct memory is not judged, and other trials would keep it from settling).
    Level baseline = measure(null);
    if (!parallel) baseline = new Level(baseline.threads, baseline.files, settledDirectMemory());
    levels.add(baseline);
    List<TrainableDriver> own = new ArrayList<>();
    for (int i = 1; i <= CYCLES; i++) {
      TrainableDriver driver = context.start("cleanup-cycle-" + i);
      drivers.add(driver);
      own.add(driver);
      CleanupCheck.trainAndStop(driver, 1);
      driver.release();
      driver.endThread(InstanceRelease.THREAD_END);
      levels.add(measure(last()));
    }
    boolean filesGrew = judgeFiles && OpenFiles.listable() && growsEveryCycle(Level::fileCount, 0);
    boolean directGrew = !parallel && growsEveryCycle(Level::direct, DIRECT_TOLERANCE);
    if (filesGrew || directGrew) collectAndMeasure();
    report();
    List<String> grown = new ArrayList<>();
    if (judgeThreads && growsEveryCycle(Level::threadCount, 0)) grown.add(threadsGrown());
    if (filesGrew && confirmed(Level::fileCount, CYCLES)) grown.add(filesGrown());
    if (directGrew && confirmed(Level::direct, CYCLES * DIRECT_TOLERANCE)) grown.add(directGrown());
    // A courtesy, as for the judged instance: threads left in these instances' own groups are
    // theirs (what is started once per process was started before).
    for (TrainableDriver d : own) d.liveThreads(Duration.ZERO).forEach(Thread::interrupt);
    if (grown.isEmpty()) return List.of();
    return List.of(
        "over "
            + CYCLES
            + " more cycles of setup, 1 train() and stop(), what it leaves in the JVM grows with"
            + " every cycle, as it would with every trial of a tuning run:\n  "
            + String.join("\n  ", grown));
  }

  private Level last() {
    return levels.get(levels.size() - 1);
  }

  /**
   * What the instances leave now; threads and files that are more than at {@code previous} get
   * {@link CleanupCheck#GRACE} to go, as for the judged instance.
   */
  private Level measure(Level previous) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + CleanupCheck.GRACE.toNanos();
    while (true) {
      Level now = new Level(liveThreads(), openFiles(), directMemory());
      boolean more =
          previous != null
              && (now.threads.size() > previous.threads.size()
                  || now.files.size() > previous.files.size());
      if (!more || System.nanoTime() - deadline >= 0) return now;
      Thread.sleep(20);
    }
  }

  /** One collection, then the level once the cleaners of collected buffers have run. */
  private void collectAndMeasure() throws IOException, InterruptedException {
    collectionRan = GarbageCollection.collectOnce();
    long settled = settledDirectMemory();
    collected = new Level(liveThreads(), openFiles(), settled);
  }

  /**
   * Whether the growth held after the collection: at least {@code least} above the baseline (what
   * was still open or allocated only for want of a collection is not a leak).
   */
  private boolean confirmed(Function<Level, Long> figure, long least) {
    return collectionRan && figure.apply(collected) - figure.apply(levels.get(0)) >= least;
  }

  private List<Thread> liveThreads() throws InterruptedException {
    List<Thread> all = new ArrayList<>();
    for (TrainableDriver d : drivers) all.addAll(d.liveThreads(Duration.ZERO));
    return all;
  }

  private List<Path> openFiles() throws IOException {
    if (!OpenFiles.listable()) return List.of();
    List<Path> trialDirs = new ArrayList<>();
    for (TrainableDriver d : drivers) trialDirs.add(d.logdir().toRealPath());
    Path root = outputRoot.toRealPath();
    return OpenFiles.matching(
        p ->
            trialDirs.stream().anyMatch(p::startsWith)
                || !parallel && !p.startsWith(root) && !p.startsWith("/proc"));
  }

  /** Direct memory in use once the cleaners of collected buffers have run (bounded wait). */
  private static long settledDirectMemory() throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    long last = directMemory();
    while (System.nanoTime() - deadline < 0) {
      Thread.sleep(10);
      long now = directMemory();
      if (now == last) return now;
      last = now;
    }
    return last;
  }

  private static long directMemory() {
    long used = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) used += Math.max(0, pool.getMemoryUsed());
    }
    return used;
  }

  private void report() {
    StringBuilder sb =
        new StringBuilder()
            .append(CYCLES)
            .append(
                " more cycles of setup, 1 train() and stop() after the judged one: live threads ")
            .append(series(Level::threadCount, String::valueOf));
    if (OpenFiles.listable()) {
      sb.append("; open files ").append(series(Level::fileCount, String::valueOf));
      if (parallel) sb.append(" (under their trial directories only: a parallel run)");
    }
    sb.append("; direct memory ").append(series(Level::direct, CleanupCycles::size));
    if (parallel) sb.append(" (not judged: a parallel run)");
    if (collected != null) {
      sb.append(
          collectionRan
              ? "; after a garbage collection: "
                  + collected.fileCount()
                  + " open files, "
                  + size(collected.direct)
                  + " of direct memory"
              : "; not judged: System.gc() ran no collection");
    }
    context.report(REPORT_KEY, sb.toString());
  }

  /** "0 → 1 → 2 → 3": the baseline, then the level after each cycle. */
  private String series(Function<Level, Long> figure, Function<Long, String> shown) {
    return levels.stream().map(figure.andThen(shown)).collect(Collectors.joining(" → "));
  }

  /** Whether {@code figure} grew by more than {@code tolerance} at every cycle. */
  private boolean growsEveryCycle(Function<Level, Long> figure, long tolerance) {
    for (int i = 1; i < levels.size(); i++) {
      if (figure.apply(levels.get(i)) - figure.apply(levels.get(i - 1)) <= tolerance) return false;
    }
    return true;
  }

  private String threadsGrown() {
    List<Thread> first = levels.get(0).threads;
    String newest =
        last().threads.stream()
            .filter(t -> !first.contains(t))
            .limit(NEWEST_SHOWN)
            .map(t -> "\"" + t.getName() + "\" (" + t.getState() + ")")
            .collect(Collectors.joining(", "));
    return "live threads: "
        + series(Level::threadCount, String::valueOf)
        + ", among them "
        + newest
        + " — stop in cleanup() what each instance starts, in a pool of its own or a shared one";
  }

  private String filesGrown() {
    List<Path> first = levels.get(0).files;
    String newest =
        collected.files.stream()
            .filter(p -> !first.contains(p))
            .limit(NEWEST_SHOWN)
            .map(Path::toString)
            .collect(Collectors.joining(", "));
    return "open files: "
        + series(Level::fileCount, String::valueOf)
        + " ("
        + collected.fileCount()
        + " after a garbage collection), among them "
        + newest
        + " — close them in cleanup()";
  }

  private String directGrown() throws InterruptedException {
    // The least growth of one cycle: the level after a collection also drops by what other code
    // freed meanwhile, which is no measure of what each instance keeps.
    long perCycle = Long.MAX_VALUE;
    for (int i = 1; i < levels.size(); i++) {
      perCycle = Math.min(perCycle, levels.get(i).direct - levels.get(i - 1).direct);
    }
    StringBuilder sb =
        new StringBuilder("direct memory: ")
            .append(series(Level::direct, CleanupCycles::size))
            .append(" (")
            .append(size(collected.direct))
            .append(" after a garbage collection), ")
            .append(size(perCycle))
            .append(" more with each instance");
    DirectBufferHolders holders = Holders.directBuffersIn(context.declaration().trainableClass());
    if (!holders.most().isEmpty()) {
      DirectBuffers top = holders.most().get(0);
      sb.append("; ")
          .append(top.holder())
          .append(" holds ")
          .append(top.buffers())
          .append(top.buffers() == 1 ? " direct buffer" : " direct buffers")
          .append(" of ")
          .append(size(top.capacity()))
          .append(" in all");
    } else if (!holders.notInspected().isEmpty()) {
      sb.append("; what holds them could not be told (not inspected: ")
          .append(String.join("; ", holders.notInspected()))
          .append(')');
    }
    return sb.append(
            " — free what each instance allocates in cleanup(), or allocate it once and reuse it:"
                + " a direct buffer is freed only when nothing references it")
        .toString();
  }

  /** 12.0 KiB, 3.5 MiB. */
  static String size(long bytes) {
    if (Math.abs(bytes) < 1024) return bytes + " B";
    if (Math.abs(bytes) < 1024 * 1024)
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}

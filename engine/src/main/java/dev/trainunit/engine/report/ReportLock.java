package dev.trainunit.engine.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the updates of a report directory: storing a part, reading every part and rendering
 * from them must happen as one step, or a fork that finishes at the same time as another renders
 * without the other's part and moves its report over a complete one.
 *
 * <p>Two locks, because either alone is not enough: a {@link FileLock} on {@code <report
 * dir>/.lock} keeps out the other JVMs (Surefire forks), but it is held by the whole JVM, and a
 * second lock taken in the same JVM throws {@link java.nio.channels.OverlappingFileLockException};
 * so engine executions within one JVM (launcher sessions run in parallel, test kits) first take a
 * lock of this JVM's. One such lock for every report directory: updates are short and rare.
 */
final class ReportLock {

  static final String FILE = ".lock";

  private static final ReentrantLock JVM = new ReentrantLock();

  /** One step on a report directory; it may fail with an I/O error. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws IOException;
  }

  private ReportLock() {}

  /**
   * Runs {@code step} while no other engine execution, in this JVM or another, updates {@code
   * reportDir}.
   */
  static <T> T holding(Path reportDir, Step<T> step) throws IOException {
    JVM.lock();
    try {
      Files.createDirectories(reportDir);
      try (FileChannel channel =
              FileChannel.open(
                  reportDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        return step.run();
      }
    } finally {
      JVM.unlock();
    }
  }
}

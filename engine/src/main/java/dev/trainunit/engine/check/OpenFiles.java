package dev.trainunit.engine.check;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The files this process holds open, read from {@code /proc/self/fd} (Linux): each descriptor is a
 * link to what it is open on. Sockets, pipes and other descriptors that are not files are left out;
 * a file deleted while open still counts.
 */
final class OpenFiles {

  static final Path PROC_FDS = Path.of("/proc/self/fd");

  private OpenFiles() {}

  /** Whether this operating system lists open files where {@link OpenFiles} reads them. */
  static boolean listable() {
    return Files.isDirectory(PROC_FDS);
  }

  /**
   * Files under {@code dir} still open, waiting up to {@code grace} for descriptors that are being
   * closed.
   */
  static List<Path> under(Path dir, Duration grace) throws IOException, InterruptedException {
    Path real = dir.toRealPath();
    long deadline = System.nanoTime() + grace.toNanos();
    while (true) {
      List<Path> open = matching(p -> p.startsWith(real));
      if (open.isEmpty() || System.nanoTime() - deadline >= 0) return open;
      Thread.sleep(20);
    }
  }

  /** The open files whose (real) path {@code which} accepts, each once, sorted. */
  static List<Path> matching(Predicate<Path> which) throws IOException {
    TreeSet<Path> open = new TreeSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC_FDS)) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
          continue; // closed meanwhile, or not a link we can read
        }
        if (target.endsWith(" (deleted)"))
          target = target.substring(0, target.length() - " (deleted)".length());
        if (!target.startsWith("/")) continue; // socket:[..], pipe:[..], anon_inode:..
        Path p = Path.of(target);
        if (which.test(p)) open.add(p);
      }
    }
    return new ArrayList<>(open);
  }
}

package dev.trainunit.engine.report;

import java.nio.file.Path;
import java.util.Map;

/**
 * A JVM that finishes engine executions of one test class as a Surefire fork does, round by round
 * at agreed instants, so that two such JVMs finish at the same moment: {@code
 * ConcurrentReportWriter <dir> <start, epoch ms> <rounds> <test class>} finishes round r at start +
 * r × {@link #ROUND_MS} into the report directory {@code <dir>/round-<r>}. Started twice at once by
 * {@link BuildReportTest}.
 */
public final class ConcurrentReportWriter {

  static final long ROUND_MS = 250;

  private ConcurrentReportWriter() {}

  static Path reportDir(Path dir, int round) {
    return dir.resolve("round-" + round);
  }

  public static void main(String[] args) throws ClassNotFoundException, InterruptedException {
    Path dir = Path.of(args[0]);
    long start = Long.parseLong(args[1]);
    int rounds = Integer.parseInt(args[2]);
    var settings = HandMadeRecords.settings(Map.of("trainunit.report.quiet", "true"));
    RunRecord record = HandMadeRecords.lifecyclePassed(settings, Class.forName(args[3]));
    for (int r = 0; r < rounds; r++) {
      Thread.sleep(Math.max(0, start + r * ROUND_MS - System.currentTimeMillis()));
      Reporter.finish(settings, reportDir(dir, r), record, System.out, System.err);
    }
  }
}

package dev.trainunit.benchmarks.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the baseline and the candidate in the same job, interleaved: each round runs JMH once
 * from each class path ({@code java -cp <class path> org.openjdk.jmh.Main <args> -f 1 -rf json -rff
 * <file>}), so that whatever the machine does over the job (another tenant, thermal throttling, a
 * cache warming up) falls on both sides alike. The side that goes first alternates, baseline then
 * candidate in odd rounds and candidate then baseline in even ones (A B, B A, A B, ...), so that a
 * steady drift does not favour the side that always runs second.
 *
 * <p>Each round's result file and JMH's output are kept in the work directory ({@code
 * round-01-baseline.json}, {@code round-01-baseline.log}, ...); the rounds of each side are merged
 * into {@code baseline.json} and {@code candidate.json}, JSON arrays holding every round's results
 * as JMH wrote them, one fork per round, which the file mode can judge again.
 */
final class InterleavedRun {

  static final String JMH_MAIN = "org.openjdk.jmh.Main";
  private static final int LOG_LINES_SHOWN = 20;
  private static final int CLASS_PATH_SHOWN = 200;

  enum Side {
    BASELINE,
    CANDIDATE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param order the runs in the order they ran, as "baseline" and "candidate"
   */
  record Outcome(Path baselineFile, Path candidateFile, List<String> order) {}

  private final GateArguments.Interleaved settings;
  private final JmhLauncher launcher;
  private final PrintStream progress;

  InterleavedRun(GateArguments.Interleaved settings, JmhLauncher launcher, PrintStream progress) {
    this.settings = settings;
    this.launcher = launcher;
    this.progress = progress;
  }

  /** The sides in the order they run in round {@code round} (1-based). */
  static List<Side> order(int round) {
    return round % 2 == 1
        ? List.of(Side.BASELINE, Side.CANDIDATE)
        : List.of(Side.CANDIDATE, Side.BASELINE);
  }

  /** The command of one run: JMH's main from the side's class path, one fork, JSON results. */
  List<String> command(Side side, Path resultFile) {
    List<String> command = new ArrayList<>();
    command.add(settings.java().toString());
    command.addAll(settings.javaArgs());
    command.add("-cp");
    command.add(
        side == Side.BASELINE ? settings.baselineClassPath() : settings.candidateClassPath());
    command.add(JMH_MAIN);
    command.addAll(settings.jmhArgs());
    if (!settings.jmhArgs().contains("-foe")) {
      // A benchmark that throws fails the run instead of leaving a gap in its results.
      command.add("-foe");
      command.add("true");
    }
    command.add("-f");
    command.add("1");
    command.add("-rf");
    command.add("json");
    command.add("-rff");
    command.add(resultFile.toAbsolutePath().toString());
    return command;
  }

  /**
   * @throws BenchmarkRunException when a run exits with an error or writes no results
   * @throws IOException when the work directory or a result file cannot be written or read
   */
  Outcome run() throws IOException, InterruptedException, BenchmarkRunException {
    Path dir = settings.workDir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException("cannot create the work directory " + dir + ": " + e.getMessage(), e);
    }
    ArrayNode baseline = JmhResultReader.MAPPER.createArrayNode();
    ArrayNode candidate = JmhResultReader.MAPPER.createArrayNode();
    List<String> order = new ArrayList<>();
    int rounds = settings.rounds();
    for (int round = 1; round <= rounds; round++) {
      for (Side side : order(round)) {
        String name = String.format(Locale.ROOT, "round-%02d-%s", round, side.label());
        Path result = dir.resolve(name + ".json");
        Path log = dir.resolve(name + ".log");
        Files.deleteIfExists(result);
        progress.printf(Locale.ROOT, "round %d/%d: %s ... ", round, rounds, side.label());
        progress.flush();
        long start = System.nanoTime();
        int exit = launcher.run(command(side, result), log);
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode results = check(round, side, exit, result, log);
        progress.printf(Locale.ROOT, "%d results in %.1f s (%s)%n", results.size(), seconds, log);
        (side == Side.BASELINE ? baseline : candidate).addAll((ArrayNode) results);
        order.add(side.label());
      }
    }
    Path baselineFile = dir.resolve("baseline.json");
    Path candidateFile = dir.resolve("candidate.json");
    write(baselineFile, baseline);
    write(candidateFile, candidate);
    return new Outcome(baselineFile, candidateFile, order);
  }

  private JsonNode check(int round, Side side, int exit, Path result, Path log)
      throws IOException, BenchmarkRunException {
    String which = "round " + round + ", " + side.label() + " (" + classPath(side) + ")";
    if (exit != 0) {
      progress.println("failed");
      throw new BenchmarkRunException(
          which + ": JMH exited with code " + exit + "; its output is in " + log + tail(log));
    }
    if (!Files.isRegularFile(result)) {
      progress.println("failed");
      throw new BenchmarkRunException(
          which + ": JMH wrote no result file " + result + "; its output is in " + log + tail(log));
    }
    JsonNode results = JmhResultReader.readArray(result);
    if (results.isEmpty()) {
      progress.println("failed");
      throw new BenchmarkRunException(
          which
              + ": no benchmark ran (does the pattern "
              + String.join(" ", settings.jmhArgs())
              + " match a benchmark on this class path?); JMH's output is in "
              + log
              + tail(log));
    }
    return results;
  }

  /** The side's class path as given, shortened for an error message when it is long. */
  private String classPath(Side side) {
    String cp =
        side == Side.BASELINE ? settings.baselineClassPath() : settings.candidateClassPath();
    String option = side == Side.BASELINE ? "--baseline-cp " : "--candidate-cp ";
    return option
        + (cp.length() <= CLASS_PATH_SHOWN ? cp : cp.substring(0, CLASS_PATH_SHOWN) + "...");
  }

  /** The last lines of a log, to show in the error itself. */
  private static String tail(Path log) throws IOException {
    if (!Files.isRegularFile(log)) return " (no output)";
    List<String> lines =
        new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    if (lines.isEmpty()) return " (empty)";
    List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size());
    return ", ending:\n    " + String.join("\n    ", last);
  }

  private static void write(Path file, ArrayNode results) throws IOException {
    try {
      JmhResultReader.MAPPER.writeValue(file.toFile(), results);
    } catch (IOException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}

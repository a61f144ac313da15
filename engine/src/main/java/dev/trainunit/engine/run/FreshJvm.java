package dev.trainunit.engine.run;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Trial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A new JVM for one restore, the parent side of the {@code fresh-jvm-restore} check: started ahead
 * of its request (see {@link FreshJvmPool}), for one trial, in that trial's own directory; it boots
 * and loads the framework until {@link #run} hands it the request, then runs {@link FreshJvmMain}'s
 * restore and exits. Each JVM serves exactly one restore, so statics are always fresh. Closing it
 * ends the JVM if it still runs, so that a check which fails before it hands over its request
 * leaves no JVM behind.
 */
@API(status = API.Status.INTERNAL)
public final class FreshJvm implements AutoCloseable {

  /** Time a JVM gets to start and load the trainable, on top of the step timeouts. */
  static final Duration START_MARGIN = Duration.ofSeconds(30);

  private static final int STDERR_TAIL = 6000;

  private final Process process;
  private final Trial trial;
  private final Path ioDir;

  private FreshJvm(Process process, Trial trial, Path ioDir) {
    this.process = process;
    this.trial = trial;
    this.ioDir = ioDir;
  }

  /**
   * What the new JVM reported.
   *
   * @param restoredIteration {@code iteration()} right after the restore
   * @param results each result's comparable metrics, as JSON gives them back
   * @param elapsed wall-clock time of the whole child process
   */
  public record Outcome(
      long restoredIteration, List<Map<String, Object>> results, Duration elapsed) {}

  /** The new JVM failed, timed out, or could not be started; the message carries its stderr. */
  public static final class FreshJvmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FreshJvmException(String message) {
      super(message);
    }
  }

  /**
   * Starts a new JVM for one restore of {@code type} as {@code trial}, whose directory exists and
   * is empty; its request, stdout, stderr, temp directory and results go to {@code ioDir}.
   */
  static FreshJvm start(
      Class<? extends AbstractTrainable> type, Trial trial, Path ioDir, FreshJvmCds cds) {
    return new FreshJvm(FreshJvmCommand.start(type, trial, ioDir, cds), trial, ioDir);
  }

  /** The trial the JVM runs as: its directory, name and id. */
  public Trial trial() {
    return trial;
  }

  public Path trialDir() {
    return trial.logdir();
  }

  /** Where its request, output, stdout, stderr and temp directory are. */
  public Path ioDir() {
    return ioDir;
  }

  /** Whether the JVM still runs (one nobody asked for in two minutes has exited by itself). */
  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Hands {@code request} (whose trial directory must be this JVM's) over, waits for the JVM within
   * the step timeouts plus {@link #START_MARGIN}, and reads back what it wrote.
   */
  public Outcome run(FreshJvmRequest request) {
    Path stderr = ioDir.resolve("stderr.txt");
    try {
      Path requestFile = ioDir.resolve("request.json");
      request.write(requestFile);
      long started = System.nanoTime();
      FreshJvmProtocol.handOver(process, requestFile);
      Duration limit =
          Duration.ofMillis(request.stepTimeoutMillis())
              .multipliedBy(request.iterations() + 2L)
              .plus(START_MARGIN);
      boolean finished;
      try {
        finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new FreshJvmException("interrupted while waiting for the new JVM");
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      if (!finished) {
        process.destroyForcibly();
        throw new FreshJvmException(
            "the new JVM did not finish within "
                + limit
                + "; killed it. Its stderr:\n"
                + tail(stderr));
      }
      if (process.exitValue() != 0) {
        throw new FreshJvmException(
            "the new JVM exited with code "
                + process.exitValue()
                + ". Its stderr:\n"
                + tail(stderr));
      }
      if (!Files.exists(request.output())) {
        throw new FreshJvmException(
            "the new JVM exited without writing "
                + request.output()
                + ". Its stderr:\n"
                + tail(stderr));
      }
      return FreshJvmProtocol.readOutcome(request.output(), elapsed);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run a new JVM for " + request.trainableClass() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Values as they come back from a new JVM: through the same JSON writer and reader, so that a
   * float or an int metric compares like with like.
   */
  public static List<Map<String, Object>> asJson(List<Map<String, Object>> results) {
    try {
      return FreshJvmProtocol.asJson(results);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) process.destroyForcibly();
  }

  private static String tail(Path file) {
    try {
      String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      if (s.isBlank()) return "(empty)";
      return s.length() <= STDERR_TAIL ? s : "..." + s.substring(s.length() - STDERR_TAIL);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}

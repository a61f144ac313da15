package dev.trainunit.engine.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainunit.AbstractTrainable;
import dev.trainunit.Trial;
import dev.trainunit.WorkingDirectory;
import dev.trainunit.internal.Json;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;
import org.apiguardian.api.API;

/**
 * The parent side of the {@code fresh-jvm-restore} check: starts {@link FreshJvmMain} in a new JVM
 * ({@code java.home}/bin/java, this JVM's class path), in the working directory Ray's rules give a
 * trial's own process ({@link WorkingDirectory}), waits for it within a time limit, and reads back
 * what it wrote.
 *
 * <p>Cost: a JVM start is most of the check's time. So a JVM is started ahead of its request
 * ({@link #start}) and boots and loads the framework while the engine does other work; only then is
 * it handed its request ({@link #run}). It is started for one trial, in that trial's own directory,
 * which must be known when it starts (a JVM cannot change its working directory later): {@link
 * FreshJvmAhead} decides which subject's JVM to start ahead. Each JVM serves exactly one restore,
 * so statics are always fresh.
 */
@API(status = API.Status.INTERNAL)
public final class FreshJvm {

  /** Time a JVM gets to start and load the trainable, on top of the step timeouts. */
  static final Duration START_MARGIN = Duration.ofSeconds(30);

  /** Options that make a short-lived JVM start faster; none changes what a program computes. */
  static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData");

  private static final int STDERR_TAIL = 6000;

  private FreshJvm() {}

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
   * A new JVM, started ahead of its one request, for one trial: its working directory is that
   * trial's directory {@link #trialDir()} (unless Ray's rules say to keep the launch directory),
   * its output goes to {@link #ioDir()}. Closing it ends the JVM if it is still running, so that a
   * check which fails before it hands over the request leaves no JVM behind.
   */
  public static final class Spare implements AutoCloseable {
    private final Process process;
    private final Trial trial;
    private final Path ioDir;

    private Spare(Process process, Trial trial, Path ioDir) {
      this.process = process;
      this.trial = trial;
      this.ioDir = ioDir;
    }

    /** The trial the JVM runs as: its directory, name and id. */
    public Trial trial() {
      return trial;
    }

    public Path trialDir() {
      return trial.logdir();
    }

    public Path ioDir() {
      return ioDir;
    }

    /** Whether the JVM still runs (one nobody asked for in two minutes has exited by itself). */
    boolean isAlive() {
      return process.isAlive();
    }

    @Override
    public void close() {
      if (process.isAlive()) process.destroyForcibly();
    }
  }

  /**
   * Starts a new JVM for one restore of {@code type} as {@code trial}, whose directory exists and
   * is empty; its request, stdout, stderr and results go to {@code ioDir}. It boots and waits for
   * {@link #run}.
   */
  static Spare start(Class<? extends AbstractTrainable> type, Trial trial, Path ioDir) {
    Path trialDir = trial.logdir();
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JVM_OPTIONS);
      command.add("-cp");
      command.add(classPath(type));
      command.add(FreshJvmMain.class.getName());
      command.add(FreshJvmMain.SERVE_ONE);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(ioDir.resolve("stdout.txt").toFile())
              .redirectError(ioDir.resolve("stderr.txt").toFile());
      String launchDir = System.getProperty("user.dir");
      builder.directory(
          WorkingDirectory.chdirToTrialDir(System.getenv())
              ? trialDir.toFile()
              : new File(launchDir));
      builder.environment().put(WorkingDirectory.TUNE_ORIG_WORKING_DIR, launchDir);
      return new Spare(builder.start(), trial, ioDir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start a new JVM in " + trialDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hands {@code request} (whose trial directory must be the spare's) to {@code spare}, waits for
   * it within the step timeouts plus {@link #START_MARGIN}, and reads back what it wrote.
   */
  public static Outcome run(Spare spare, FreshJvmRequest request) {
    Process process = spare.process;
    Path stderr = spare.ioDir.resolve("stderr.txt");
    try {
      Path requestFile = spare.ioDir.resolve("request.json");
      request.write(requestFile);
      long started = System.nanoTime();
      try (var stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
        stdin.write(requestFile + "\n");
      } catch (IOException e) {
        // the JVM died before it read its request; its exit code and stderr say why
      }
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
      return read(request.output(), elapsed);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run a new JVM for " + request.trainableClass() + ": " + e.getMessage(), e);
    }
  }

  private static Outcome read(Path output, Duration elapsed) throws IOException {
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    if (lines.isEmpty()) throw new FreshJvmException("the new JVM wrote nothing to " + output);
    TypeReference<Map<String, Object>> map = new TypeReference<>() {};
    long iteration =
        ((Number) Json.MAPPER.readValue(lines.get(0), map).get("iteration")).longValue();
    List<Map<String, Object>> results = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) results.add(Json.MAPPER.readValue(line, map));
    }
    return new Outcome(iteration, results, elapsed);
  }

  /**
   * Values as they come back from the new JVM: through the same JSON writer and reader, so that a
   * float or an int metric compares like with like.
   */
  public static List<Map<String, Object>> asJson(List<Map<String, Object>> results) {
    try {
      return Json.MAPPER.readValue(
          Json.MAPPER.writeValueAsString(results),
          new TypeReference<List<Map<String, Object>>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This JVM's class path, plus where the trainable, the engine, core and their libraries were
   * loaded from, for launchers (IDEs, build tools) whose {@code java.class.path} does not list
   * everything.
   */
  static String classPath(Class<?> type) {
    Set<String> entries = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isEmpty()) entries.add(e);
    }
    for (Class<?> c :
        List.of(
            type,
            FreshJvm.class,
            AbstractTrainable.class,
            Json.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonProperty.class,
            PathUtils.class)) {
      codeSource(c).ifPresent(entries::add);
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Optional<String> codeSource(Class<?> c) {
    try {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) return Optional.empty();
      return Optional.of(Path.of(source.getLocation().toURI()).toString());
    } catch (Exception e) {
      return Optional.empty();
    }
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

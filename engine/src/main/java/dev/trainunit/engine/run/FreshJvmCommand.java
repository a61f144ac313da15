package dev.trainunit.engine.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainunit.AbstractTrainable;
import dev.trainunit.Trial;
import dev.trainunit.WorkingDirectory;
import dev.trainunit.internal.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.io.file.PathUtils;

/**
 * How a new JVM for one restore is launched: {@code java.home}/bin/java with this JVM's class path,
 * in the working directory Ray's rules give a trial's own process ({@link WorkingDirectory}), with
 * a temp directory of its own, so that nothing the parent's working directory or {@code
 * java.io.tmpdir} holds is within reach of a path the restore looks up.
 */
final class FreshJvmCommand {

  /** Options that make a short-lived JVM start faster; none changes what a program computes. */
  static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData");

  private FreshJvmCommand() {}

  /**
   * Starts {@link FreshJvmMain} as a spare for {@code trial}, whose directory exists and is empty,
   * with {@code cds}'s archive when there is one; its stdout, stderr and temp directory go to
   * {@code ioDir}.
   */
  static Process start(
      Class<? extends AbstractTrainable> type, Trial trial, Path ioDir, FreshJvmCds cds) {
    Path trialDir = trial.logdir();
    try {
      Path tmp = Files.createDirectories(ioDir.resolve("tmp"));
      String classPath = classPath(type);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JVM_OPTIONS);
      command.addAll(cds.options(classPath));
      command.add("-Djava.io.tmpdir=" + tmp);
      command.add("-cp");
      command.add(classPath);
      command.add(FreshJvmMain.class.getName());
      command.add(FreshJvmProtocol.SERVE_ONE);
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
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start a new JVM in " + trialDir + ": " + e.getMessage(), e);
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
            FreshJvmMain.class,
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
      // a class without a file location (a jrt: or generated class) adds nothing to the path
      return Optional.empty();
    }
  }
}

package dev.trainunit.engine.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * An application class-data-sharing archive (JDK 17's dynamic archive) of the jars at the head of
 * the new JVMs' class path, so that each new JVM maps the framework's and Jackson's classes instead
 * of loading and verifying them again.
 *
 * <p>JDK 17 makes no archive for a class path with a non-empty directory on it, but uses one made
 * for a prefix of the class path: so the archive covers the leading jars only, and is made once per
 * such prefix (per jar size and time, JDK and start-up options) by a JVM of its own that loads what
 * {@link FreshJvmMain} warms up and exits, in the background, while the first new JVMs start
 * without it. The class path itself, its order, and so what every class and resource resolves to,
 * stay as they are. When the archive cannot be made (the leading jar's manifest names a directory,
 * the file system refuses) or used (a jar changed since), the JVMs simply start without it: {@code
 * -Xshare:auto} and no message. A class path that starts with a directory, as under Surefire
 * ({@code target/test-classes}), gets none.
 */
final class FreshJvmCds {

  private final Path dir;

  /** The archive being made, and the JVM making it; null while none is. */
  private Process making;

  /** Prefixes for which making an archive was tried, made or not. */
  private final List<String> tried = new ArrayList<>();

  /** Archives go to {@code dir}; null for none at all. */
  FreshJvmCds(Path dir) {
    this.dir = dir;
  }

  /**
   * The options that make a new JVM with {@code classPath} use the archive of its leading jars:
   * empty when there is none yet (then one is started in the background) or cannot be.
   */
  synchronized List<String> options(String classPath) {
    if (dir == null) return List.of();
    List<String> jars = leadingJars(classPath);
    if (jars.isEmpty()) return List.of();
    Path archive;
    try {
      archive = dir.resolve("fresh-jvm-" + key(jars) + ".jsa");
    } catch (IOException e) {
      return List.of();
    }
    if (Files.isRegularFile(archive)) {
      return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }
    if (!tried.contains(archive.toString()) && making == null) {
      tried.add(archive.toString());
      make(jars, archive);
    }
    return List.of();
  }

  /** Whether a JVM is making an archive now. */
  synchronized boolean making() {
    return making != null;
  }

  /** Ends a JVM still making an archive. */
  synchronized void close() {
    if (making != null) making.destroyForcibly();
    making = null;
  }

  private void make(List<String> jars, Path archive) {
    try {
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, "fresh-jvm-", ".jsa.partial");
      Files.delete(partial); // the JVM writes it at exit
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(FreshJvmCommand.JVM_OPTIONS);
      command.add("-XX:ArchiveClassesAtExit=" + partial);
      command.add("-cp");
      command.add(String.join(File.pathSeparator, jars));
      command.add(FreshJvmMain.class.getName());
      command.add(FreshJvmProtocol.WARM_UP);
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      making = p;
      p.onExit().thenRun(() -> made(p, partial, archive));
    } catch (IOException | RuntimeException e) {
      // no archive: the JVMs start as they did without one
    }
  }

  private void made(Process p, Path partial, Path archive) {
    try {
      if (p.exitValue() == 0 && Files.isRegularFile(partial)) {
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException | RuntimeException e) {
      // another run moved its own there first, or the file system refused: none from this one
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // a partial archive left behind is never used: its name is not an archive's
      }
      synchronized (this) {
        if (making == p) making = null;
      }
    }
  }

  /** The jars the class path starts with, up to its first entry that is not a jar file. */
  static List<String> leadingJars(String classPath) {
    List<String> jars = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!entry.toLowerCase(Locale.ROOT).endsWith(".jar") || !Files.isRegularFile(p)) break;
      jars.add(entry);
    }
    return jars;
  }

  /** Names the archive after everything it depends on. */
  private static String key(List<String> jars) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append(System.getProperty("java.home")).append('\n');
    s.append(System.getProperty("java.vm.version")).append('\n');
    s.append(FreshJvmCommand.JVM_OPTIONS).append('\n');
    for (String jar : jars) {
      Path p = Path.of(jar).toAbsolutePath();
      s.append(p).append(' ').append(Files.size(p)).append(' ');
      s.append(Files.getLastModifiedTime(p).toMillis()).append('\n');
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

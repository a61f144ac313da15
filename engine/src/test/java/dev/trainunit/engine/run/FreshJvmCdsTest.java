package dev.trainunit.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive covers the jars the class path starts with, and when it cannot be made or
 * there is nothing to make it of, the new JVMs start with the options they always had.
 */
class FreshJvmCdsTest {

  @TempDir Path tmp;

  private Path jar(String name) throws IOException {
    Path jar = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, new Manifest())) {
      j.closeEntry();
    }
    return jar;
  }

  private static String path(Object... entries) {
    StringBuilder s = new StringBuilder();
    for (Object e : entries) {
      if (s.length() > 0) s.append(File.pathSeparator);
      s.append(e);
    }
    return s.toString();
  }

  @Test
  void onlyTheLeadingJarsCount() throws Exception {
    Path a = jar("a.jar");
    Path b = jar("b.jar");
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    assertThat(FreshJvmCds.leadingJars(path(a, b, classes, jar("c.jar"))))
        .containsExactly(a.toString(), b.toString());
    assertThat(FreshJvmCds.leadingJars(path(classes, a))).isEmpty();
    assertThat(FreshJvmCds.leadingJars(path(tmp.resolve("missing.jar"), a))).isEmpty();
  }

  @Test
  void aClassPathThatStartsWithADirectoryGetsNoArchive() throws Exception {
    Path dir = tmp.resolve("cds");
    FreshJvmCds cds = new FreshJvmCds(dir);
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    assertThat(cds.options(path(classes, jar("a.jar")))).isEmpty();
    assertThat(dir).doesNotExist(); // nothing was started to make one
    assertThat(new FreshJvmCds(null).options(path(jar("b.jar")))).isEmpty();
  }

  @Test
  void anArchiveThatCannotBeMadeLeavesTheOptionsAsTheyWere() throws Exception {
    Path dir = tmp.resolve("cds");
    FreshJvmCds cds = new FreshJvmCds(dir);
    String classPath = path(jar("empty.jar")); // no FreshJvmMain in it: the maker JVM fails
    assertThat(cds.options(classPath)).isEmpty();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && cds.making()) Thread.sleep(50);
    assertThat(cds.making()).isFalse();
    assertThat(cds.options(classPath)).isEmpty(); // and it is not tried again
    assertThat(cds.making()).isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty(); // no archive, no partial file
    }
    cds.close();
  }
}

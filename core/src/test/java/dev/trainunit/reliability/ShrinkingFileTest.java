package dev.trainunit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file of 32 MB that shrinks while it is checksummed, on save (a hook that returns while its own
 * thread still rewrites the file) and on restore (another party truncating a checkpoint file): the
 * JVM must survive, and each attempt either succeeds or is refused naming the file. Checksumming
 * through a memory mapping faulted inside the CRC32C intrinsic (SIGBUS) and killed the JVM without
 * a report, so the victim runs in a child JVM ({@link ShrinkingFileChild}).
 */
class ShrinkingFileTest {

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"save", "restore"})
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFileThatShrinksWhileItIsChecksummedIsRefusedNamingItAndTheJvmSurvives(String operation)
      throws Exception {
    Path out = temp.resolve("child.out");
    Path err = temp.resolve("child.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx256m",
                    "-XX:ErrorFile=" + temp.resolve("hs_err.log"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    ShrinkingFileChild.class.getName(),
                    operation,
                    temp.resolve("trial").toString(),
                    "3000"))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(child.waitFor(50, TimeUnit.SECONDS)).as("child finished").isTrue();
    assertThat(child.exitValue())
        .as("child exit code; stdout:\n%s\nstderr:\n%s", read(out), read(err))
        .isZero();
    assertThat(read(out)).startsWith("OK ");
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}

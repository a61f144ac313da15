package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.fixtures.LeakyThreadTrainable;
import dev.trainunit.engine.fixtures.OpenFileTrainable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupCheckTest {

  @TempDir Path output;

  @Test
  void aThreadLeftRunningAfterStopFailsCleanupOnly() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(LeakyThreadTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("cleanup");
    assertThat(outcomes.failure("cleanup"))
        .contains("1 thread it started is still alive")
        .contains("thread \"leaky-prefetcher\"")
        .contains("java.lang.Thread.sleep")
        .contains("LeakyThreadTrainable.prefetchForever")
        .doesNotContain("still open");
  }

  @Test
  void aFileLeftOpenAfterStopFailsCleanupOnly() {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");

    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(OpenFileTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("cleanup");
    assertThat(outcomes.failure("cleanup"))
        .contains("1 file under its trial directory")
        .contains("is still open")
        .containsPattern("-cleanup/extra-metrics\\.log")
        .doesNotContain("thread");
  }
}

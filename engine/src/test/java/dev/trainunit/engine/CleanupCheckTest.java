package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.trainunit.engine.fixtures.DirectMemoryLeakTrainable;
import dev.trainunit.engine.fixtures.LazyProcessDaemon;
import dev.trainunit.engine.fixtures.LazyProcessDaemonTrainable;
import dev.trainunit.engine.fixtures.LeakyThreadTrainable;
import dev.trainunit.engine.fixtures.OpenFileTrainable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;

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

  /**
   * A daemon a library starts once per process, on first use, is not the trainable's to stop, and
   * the verdict must not depend on whether an earlier check happened to touch the library first:
   * here nothing did (a fresh copy of the fixture and its library), and cleanup runs alone.
   */
  @Test
  void aProcessWideDaemonStartedOnFirstUseDoesNotFailCleanupRunAlone() throws Exception {
    Class<?> fixture =
        IsolatedClasses.load(LazyProcessDaemonTrainable.class, LazyProcessDaemon.class);
    assertThat(daemon(fixture))
        .as("nothing has touched the fresh copy of the library yet")
        .isNull();

    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(selectMethod(fixture, "cleanup"), output);

    assertThat(outcomes.succeeded()).as(outcomes.toString()).containsExactly("cleanup");
    Thread daemon = daemon(fixture);
    assertThat(daemon).as("the cleanup check's own run started the daemon").isNotNull();
    assertThat(daemon.isAlive()).as("and nothing stopped it").isTrue();
    assertThat(reportEntry(outcomes, "cleanup-warm-up"))
        .contains("\"" + LazyProcessDaemon.THREAD_NAME + "\" (once per process");
  }

  @Test
  void aThreadEveryInstanceLeavesStillFailsCleanupRunAlone() {
    Class<?> fixture = IsolatedClasses.load(LeakyThreadTrainable.class);

    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(selectMethod(fixture, "cleanup"), output);

    assertThat(outcomes.failure("cleanup"))
        .contains("1 thread it started is still alive")
        .contains("thread \"leaky-prefetcher\"")
        .contains("the warm-up instance left one of its kind too: one per instance");
  }

  private static String reportEntry(ContractCheckRuns.Outcomes outcomes, String key) {
    return outcomes.raw().allEvents().reportingEntryPublished().stream()
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no report entry " + key));
  }

  @Test
  void aProcessWideDaemonStartedOnFirstUseFailsNoCheckInAFullRun() throws Exception {
    Class<?> fixture =
        IsolatedClasses.load(LazyProcessDaemonTrainable.class, LazyProcessDaemon.class);

    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(fixture, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.succeeded()).contains("cleanup", "lifecycle", "fresh-jvm-restore");
    assertThat(daemon(fixture)).isNotNull();
  }

  private static Thread daemon(Class<?> fixture) throws ReflectiveOperationException {
    return (Thread)
        IsolatedClasses.sibling(fixture, LazyProcessDaemon.class).getMethod("daemon").invoke(null);
  }

  @Test
  void aFileLeftOpenAfterStopFailsCleanupOnly() {
    Assumptions.assumeTrue(
        Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");

    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(OpenFileTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("cleanup");
    assertThat(outcomes.failure("cleanup"))
        .contains("1 file under its trial directory")
        .contains("is still open")
        .containsPattern("-cleanup/extra-metrics\\.log")
        .doesNotContain("thread");
  }

  @Test
  void directMemoryThatGrowsWithEveryInstanceFailsCleanupOnly() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(DirectMemoryLeakTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("cleanup");
    assertThat(outcomes.failure("cleanup"))
        .contains("over 3 more cycles of setup, 1 train() and stop(), what it leaves in the JVM")
        .contains("grows with every cycle")
        .containsPattern("direct memory: [^\\n]*, 512\\.0 KiB more with each instance")
        .contains(
            "static field dev.trainunit.engine.fixtures.DirectMemoryLeakTrainable.SCRATCH_POOL"
                + " holds")
        .doesNotContain("still reachable");
  }
}

package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.trainunit.engine.fixtures.CorrectModel;
import dev.trainunit.engine.fixtures.DirectMemoryLeakTrainable;
import dev.trainunit.engine.fixtures.LatestInstanceTrainable;
import dev.trainunit.engine.fixtures.LazyProcessDaemon;
import dev.trainunit.engine.fixtures.LazyProcessDaemonTrainable;
import dev.trainunit.engine.fixtures.LeakyThreadTrainable;
import dev.trainunit.engine.fixtures.ListenerLeakTrainable;
import dev.trainunit.engine.fixtures.OpenFileTrainable;
import dev.trainunit.engine.fixtures.ShutdownHookLeakTrainable;
import dev.trainunit.engine.fixtures.ThreadLocalLeakTrainable;
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
  void anInstanceAStaticListenerListKeepsFailsCleanupOnlyNamingTheField() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(ListenerLeakTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("cleanup");
    assertThat(outcomes.failure("cleanup"))
        .contains("the instance itself is still reachable after stop(), though TrainUnit let go")
        .contains(
            "static field dev.trainunit.engine.fixtures.TrainingListeners.ALL holds it"
                + " (at TrainingListeners.ALL[")
        .contains("keep its model, data and optimizer alive for the life of the JVM")
        .contains("take it out of there in cleanup()")
        .doesNotContain("thread it started")
        .doesNotContain("grows with every cycle");
  }

  @Test
  void anInstanceAThreadLocalKeepsFailsCleanupOnly() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(ThreadLocalLeakTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("cleanup");
    assertThat(outcomes.failure("cleanup"))
        .contains(
            "the instance itself was freed only once the thread that ran its hooks had ended:"
                + " a ThreadLocal set in one of its hooks holds it")
        .contains("static ThreadLocal fields its code names: ThreadLocalLeakTrainable.CURRENT")
        .contains("call remove() on the ThreadLocal in cleanup()");
  }

  /**
   * Without {@code --add-opens java.base/java.lang}, the JVM's shutdown hooks cannot be read: the
   * failure says the instance is kept, and where the search could not look.
   */
  @Test
  void anInstanceAShutdownHookKeepsFailsCleanupOnly() throws NoSuchFieldException {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(ShutdownHookLeakTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("cleanup");
    String failure = outcomes.failure("cleanup");
    assertThat(failure).contains("the instance itself is still reachable after stop()");
    if (Thread.class.getDeclaredField("threadLocals").trySetAccessible()) {
      assertThat(failure)
          .contains("a shutdown hook, thread \"flush-on-exit\" holds it")
          .contains("remove the hook");
    } else {
      assertThat(failure)
          .contains("What holds it could not be told")
          .contains("not inspected: the shutdown hooks (module java.base does not open java.lang")
          .contains("--add-opens java.base/java.lang=ALL-UNNAMED");
    }
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

  @Test
  void aCorrectModelIsFreedAndLeavesNothingGrowing() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(selectMethod(CorrectModel.class, "cleanup"), output);

    assertThat(outcomes.succeeded()).as(outcomes.toString()).containsExactly("cleanup");
    assertThat(reportEntry(outcomes, "cleanup-release"))
        .isEqualTo("freed by a garbage collection once stop() had returned");
    assertThat(reportEntry(outcomes, "cleanup-cycles"))
        .startsWith("3 more cycles of setup, 1 train() and stop() after the judged one");
  }

  /**
   * A static slot that holds only the latest instance keeps one model, not one per trial: the
   * judged instance is freed once later ones have run, and cleanup passes.
   */
  @Test
  void aStaticSlotForTheLatestInstanceOnlyDoesNotFailCleanup() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(LatestInstanceTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.succeeded()).contains("cleanup");
    assertThat(reportEntry(outcomes, "cleanup-release"))
        .startsWith("kept after stop(), but freed once later instances had run");
  }
}

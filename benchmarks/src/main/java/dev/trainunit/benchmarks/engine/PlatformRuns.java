package dev.trainunit.benchmarks.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Builds the two sides' discovery requests and runs them, refusing a run in which anything failed.
 */
public final class PlatformRuns {

  /** The ten checks of the catalogue, so that a benchmark can name the ones it keeps. */
  public static final List<String> ALL_CHECKS =
      List.of(
          "lifecycle",
          "determinism",
          "save-restore",
          "checkpoint-roundtrip",
          "reset-config",
          "train-buffered",
          "cleanup",
          "export-model",
          "fresh-jvm-restore",
          "lifecycle-fuzz");

  private PlatformRuns() {}

  /**
   * The TrainUnit engine on {@link SmallModelContract} with only {@code keep} checks (the others
   * excluded by {@code trainunit.checks.exclude}), no HTML report, no console summary, output below
   * {@code outputDir}.
   */
  public static LauncherDiscoveryRequest trainUnit(Path outputDir, List<String> keep) {
    String exclude =
        ALL_CHECKS.stream().filter(c -> !keep.contains(c)).collect(Collectors.joining(","));
    return LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(SmallModelContract.class))
        .filters(EngineFilter.includeEngines("trainunit"))
        .configurationParameters(
            Map.of(
                "trainunit.checks.exclude",
                exclude,
                "trainunit.output.dir",
                outputDir.toString(),
                "trainunit.report.enabled",
                "false",
                "trainunit.report.quiet",
                "true"))
        .build();
  }

  /** Jupiter on {@link HandWrittenSmallModelChecks}. */
  public static LauncherDiscoveryRequest jupiter() {
    return LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(HandWrittenSmallModelChecks.class))
        .filters(EngineFilter.includeEngines("junit-jupiter"))
        .build();
  }

  /**
   * Runs {@code request} and returns how many tests succeeded.
   *
   * @throws IllegalStateException when a test failed or aborted, or fewer than {@code expected}
   *     succeeded: a benchmark of a run that did not do its work measures nothing
   */
  public static long run(Launcher launcher, LauncherDiscoveryRequest request, long expected) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    if (summary.getTotalFailureCount() > 0
        || summary.getTestsAbortedCount() > 0
        || summary.getTestsSucceededCount() < expected) {
      StringBuilder why =
          new StringBuilder(
              "expected "
                  + expected
                  + " tests to succeed; "
                  + summary.getTestsSucceededCount()
                  + " succeeded, "
                  + summary.getTotalFailureCount()
                  + " failed, "
                  + summary.getTestsAbortedCount()
                  + " aborted");
      summary.getFailures().stream()
          .limit(3)
          .forEach(
              f ->
                  why.append("\n  ")
                      .append(f.getTestIdentifier().getDisplayName())
                      .append(": ")
                      .append(f.getException()));
      throw new IllegalStateException(why.toString());
    }
    return summary.getTestsSucceededCount();
  }
}

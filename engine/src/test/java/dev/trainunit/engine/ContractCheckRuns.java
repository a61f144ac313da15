package dev.trainunit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs the engine on one fixture class through EngineTestKit and sorts the checks' outcomes by
 * check id, for the tests of the cleanup, export-model, fresh-jvm-restore and lifecycle-fuzz
 * checks.
 */
final class ContractCheckRuns {

  private ContractCheckRuns() {}

  /** The outcome of each check of one run, keyed by check id (the test node's display name). */
  record Outcomes(
      Map<String, String> failed,
      Map<String, String> skipped,
      Map<String, String> aborted,
      Set<String> succeeded,
      EngineExecutionResults raw) {

    String failure(String checkId) {
      String message = failed.get(checkId);
      if (message == null) throw new AssertionError(checkId + " did not fail; outcomes: " + this);
      return message;
    }

    @Override
    public String toString() {
      return "failed="
          + failed.keySet()
          + ", skipped="
          + skipped
          + ", aborted="
          + aborted.keySet()
          + ", succeeded="
          + succeeded
          + (failed.isEmpty() ? "" : "\n" + failed);
    }
  }

  /** Runs {@code fixture} with small fuzz runs; {@code parameters} are extra key, value pairs. */
  static Outcomes run(Class<?> fixture, Path outputDir, String... parameters) {
    return run(selectClass(fixture), outputDir, parameters);
  }

  /**
   * Runs what {@code selector} selects (one check of a fixture, say), as {@link #run(Class, Path,
   * String...)} does.
   */
  static Outcomes run(DiscoverySelector selector, Path outputDir, String... parameters) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("trainunit.output.dir", outputDir.toString());
    config.put("trainunit.fuzz.runs", "8");
    for (int i = 0; i + 1 < parameters.length; i += 2) config.put(parameters[i], parameters[i + 1]);
    EngineExecutionResults results =
        EngineTestKit.engine("trainunit")
            .selectors(selector)
            .configurationParameters(config)
            .execute();
    Map<String, String> failed = new TreeMap<>();
    Map<String, String> aborted = new TreeMap<>();
    Map<String, String> skipped = new TreeMap<>();
    Set<String> succeeded = new TreeSet<>();
    for (Event e : results.testEvents().skipped().list()) {
      skipped.put(e.getTestDescriptor().getDisplayName(), e.getPayload(String.class).orElse(""));
    }
    for (Event e : results.testEvents().finished().list()) {
      String id = e.getTestDescriptor().getDisplayName();
      TestExecutionResult r = e.getPayload(TestExecutionResult.class).orElseThrow();
      switch (r.getStatus()) {
        case SUCCESSFUL -> succeeded.add(id);
        case FAILED -> failed.put(id, r.getThrowable().map(ContractCheckRuns::message).orElse(""));
        case ABORTED -> aborted.put(id, r.getThrowable().map(Throwable::getMessage).orElse(""));
      }
    }
    return new Outcomes(failed, skipped, aborted, succeeded, results);
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}

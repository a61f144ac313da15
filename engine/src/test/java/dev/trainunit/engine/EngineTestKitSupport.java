package dev.trainunit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs the TrainUnit engine through EngineTestKit and reads back what each check did. */
public final class EngineTestKitSupport {

  private EngineTestKitSupport() {}

  public static EngineTestKit.Builder engine(Path outputDir) {
    return EngineTestKit.engine(TrainUnitTestEngine.ENGINE_ID)
        .configurationParameter("trainunit.output.dir", outputDir.toString())
        .configurationParameter("trainunit.fresh-jvm.enabled", "false")
        .configurationParameter("trainunit.fuzz.runs", "5");
  }

  public static Outcomes run(Path outputDir, Class<?>... classes) {
    DiscoverySelector[] selectors =
        Arrays.stream(classes).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new);
    return new Outcomes(engine(outputDir).selectors(selectors).execute());
  }

  /** What happened to each check node, keyed by "Class#check" (or "Class#check[config n]"). */
  public static final class Outcomes {
    private final EngineExecutionResults results;
    private final Map<String, Event> finalEvents = new LinkedHashMap<>();

    public Outcomes(EngineExecutionResults results) {
      this.results = results;
      for (Event e : results.allEvents().list()) {
        if (e.getType() == EventType.FINISHED || e.getType() == EventType.SKIPPED) {
          finalEvents.put(key(e), e);
        }
      }
    }

    private static String key(Event e) {
      var d = e.getTestDescriptor();
      String name = d.getDisplayName();
      if (d.getSource().orElse(null) instanceof MethodSource m) {
        String simple = m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1);
        String config =
            d.getParent()
                .map(p -> p.getUniqueId().getLastSegment())
                .filter(s -> s.getType().equals("config"))
                .map(s -> "[config " + s.getValue() + "]")
                .orElse("");
        return simple + "#" + m.getMethodName() + config;
      }
      return name;
    }

    public EngineExecutionResults results() {
      return results;
    }

    /** "SUCCESSFUL", "FAILED", "ABORTED" or "SKIPPED" for one node. */
    public String status(String key) {
      Event e = event(key);
      if (e.getType() == EventType.SKIPPED) return "SKIPPED";
      return e.getPayload(TestExecutionResult.class).orElseThrow().getStatus().name();
    }

    /** The failure message, or the skip reason. */
    public String message(String key) {
      Event e = event(key);
      if (e.getType() == EventType.SKIPPED) return e.getPayload(String.class).orElse("");
      return e.getPayload(TestExecutionResult.class)
          .flatMap(TestExecutionResult::getThrowable)
          .map(Throwable::getMessage)
          .orElse("");
    }

    public Optional<Throwable> throwable(String key) {
      return event(key)
          .getPayload(TestExecutionResult.class)
          .flatMap(TestExecutionResult::getThrowable);
    }

    /** The check keys of one class (simple name) whose status is {@code status}. */
    public List<String> withStatus(String simpleClassName, String status) {
      return finalEvents.keySet().stream()
          .filter(k -> k.startsWith(simpleClassName + "#"))
          .filter(k -> status(k).equals(status))
          .toList();
    }

    public Map<String, String> statuses() {
      Map<String, String> out = new LinkedHashMap<>();
      finalEvents.keySet().stream()
          .filter(k -> k.contains("#"))
          .forEach(k -> out.put(k, status(k)));
      return out;
    }

    private Event event(String key) {
      Event e = finalEvents.get(key);
      if (e == null)
        throw new AssertionError("no node " + key + " ran; nodes: " + finalEvents.keySet());
      return e;
    }
  }
}

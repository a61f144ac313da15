package dev.trainunit.engine.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What the parent asks of a fresh JVM: restore {@code checkpoint} into a new instance of {@code
 * trainableClass} built with the config, as the trial {@code trialName} / {@code trialId} in {@code
 * trialDir}, train up to {@code iterations} times and write the results to {@code output}. Travels
 * as a JSON file.
 */
@API(status = API.Status.INTERNAL)
public record FreshJvmRequest(
    String trainableClass,
    String configJson,
    Path checkpoint,
    int iterations,
    long stepTimeoutMillis,
    List<String> ignoredMetrics,
    Path trialDir,
    String trialName,
    String trialId,
    Path output) {

  public FreshJvmRequest {
    ignoredMetrics = List.copyOf(ignoredMetrics);
  }

  void write(Path file) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trainableClass", trainableClass);
    m.put("config", configJson);
    m.put("checkpoint", checkpoint.toString());
    m.put("iterations", iterations);
    m.put("stepTimeoutMillis", stepTimeoutMillis);
    m.put("ignoredMetrics", ignoredMetrics);
    m.put("trialDir", trialDir.toString());
    m.put("trialName", trialName);
    m.put("trialId", trialId);
    m.put("output", output.toString());
    Json.MAPPER.writeValue(file.toFile(), m);
  }

  @SuppressWarnings("unchecked")
  static FreshJvmRequest read(Path file) throws IOException {
    Map<String, Object> m =
        Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
    return new FreshJvmRequest(
        (String) m.get("trainableClass"),
        (String) m.get("config"),
        Path.of((String) m.get("checkpoint")),
        ((Number) m.get("iterations")).intValue(),
        ((Number) m.get("stepTimeoutMillis")).longValue(),
        (List<String>) m.get("ignoredMetrics"),
        Path.of((String) m.get("trialDir")),
        (String) m.get("trialName"),
        (String) m.get("trialId"),
        Path.of((String) m.get("output")));
  }
}

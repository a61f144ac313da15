package dev.trainunit.engine.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainunit.internal.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both halves of what the parent and a new JVM say to each other, in one place so they cannot drift
 * apart. The parent starts the child with {@link #SERVE_ONE}; once it knows the request it writes
 * the request file's path as one line on the child's stdin ({@link #handOver}); the child reads it
 * ({@link #awaitRequest}), and writes its output file: a first line {@code {"iteration":
 * <iteration() right after the restore>}} ({@link #writeHeader}) and one line per result's
 * comparable metrics ({@link #writeResult}), which the parent reads back ({@link #readOutcome}).
 * The exit code says whether it succeeded; stderr carries the stack trace when it did not.
 */
final class FreshJvmProtocol {

  /** The child's argument: warm up, then serve the one request whose path comes on stdin. */
  static final String SERVE_ONE = "--serve-one";

  /** The argument of a JVM that only warms up and exits: what a class-data archive is made of. */
  static final String WARM_UP = "--warm-up";

  private static final String ITERATION = "iteration";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private FreshJvmProtocol() {}

  /**
   * Parent: hands the request file to the child. A child that died before it read it shows up in
   * its exit code and stderr, which the parent reads next, so a broken pipe here is not the error.
   */
  static void handOver(Process child, Path requestFile) {
    try (Writer stdin = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
      stdin.write(requestFile + "\n");
    } catch (IOException e) {
      // see above: the child's exit status is the error to report, not the pipe
    }
  }

  /** Child: the request file's path, or null when the parent closed stdin without one. */
  static Path awaitRequest(InputStream stdin) throws IOException {
    String line =
        new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
    return line == null || line.isBlank() ? null : Path.of(line.trim());
  }

  /** Child: the first line of the output, {@code iteration()} right after the restore. */
  static void writeHeader(BufferedWriter out, long iteration) throws IOException {
    out.write(Json.MAPPER.writeValueAsString(Map.of(ITERATION, iteration)));
    out.newLine();
  }

  /** Child: one result's comparable metrics. */
  static void writeResult(BufferedWriter out, Map<String, Object> comparable) throws IOException {
    out.write(Json.MAPPER.writeValueAsString(comparable));
    out.newLine();
  }

  /** Parent: what the child wrote to {@code output}. */
  static FreshJvm.Outcome readOutcome(Path output, Duration elapsed) throws IOException {
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new FreshJvm.FreshJvmException("the new JVM wrote nothing to " + output);
    }
    long iteration = ((Number) Json.MAPPER.readValue(lines.get(0), MAP).get(ITERATION)).longValue();
    List<Map<String, Object>> results = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) results.add(Json.MAPPER.readValue(line, MAP));
    }
    return new FreshJvm.Outcome(iteration, results, elapsed);
  }

  /**
   * Values as they come back from the child: through the same JSON writer and reader, so that a
   * float or an int metric compares like with like.
   */
  static List<Map<String, Object>> asJson(List<Map<String, Object>> results) throws IOException {
    return Json.MAPPER.readValue(
        Json.MAPPER.writeValueAsString(results), new TypeReference<List<Map<String, Object>>>() {});
  }
}

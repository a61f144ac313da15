package dev.trainunit.benchmarks.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The JMH result files under src/test/resources/gate. Those under {@code recorded/} were measured
 * by the interleaved gate itself, five rounds per scenario; recorded/README.md gives the commands
 * and the sources of the trainables measured.
 */
final class GateFixtures {

  private GateFixtures() {}

  static Path file(String name) {
    try {
      return Path.of(GateFixtures.class.getResource("/gate/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource gate/" + name, e);
    }
  }

  /** A recorded scenario's side: {@code recorded("regression", "baseline")}. */
  static Path recorded(String scenario, String side) {
    return file("recorded/" + scenario + "-" + side + ".json");
  }

  static List<BenchmarkRun> runs(Path file) {
    try {
      return new JmhResultReader().read(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The single benchmark of a recorded scenario's side. */
  static BenchmarkRun run(String scenario, String side) {
    List<BenchmarkRun> runs = runs(recorded(scenario, side));
    if (runs.size() != 1) throw new IllegalStateException(scenario + " holds " + runs.size());
    return runs.get(0);
  }
}

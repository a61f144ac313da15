package dev.trainunit.benchmarks.gate;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The recorded JMH result files under src/test/resources/gate. */
final class GateFixtures {

  private GateFixtures() {}

  static Path file(String name) {
    try {
      return Path.of(GateFixtures.class.getResource("/gate/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource gate/" + name, e);
    }
  }
}

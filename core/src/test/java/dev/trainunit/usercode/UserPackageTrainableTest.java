package dev.trainunit.usercode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.Resources;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's trainable lives in the user's package, often as a private nested class of a test: the
 * public API alone must be enough to build, drive and query it.
 */
class UserPackageTrainableTest {

  @TempDir Path tmp;

  private static class Private extends AbstractTrainable {
    double x;

    public static Resources defaultResourceRequest(Config config) {
      return Resources.of(3, 0);
    }

    public static String resourceHelp(Config config) {
      return "three CPUs";
    }

    @Override
    protected Map<String, Object> step() {
      x += 1;
      return Map.of("x", x);
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) {
      return Map.of("x", x);
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) {
      x = checkpoint.data().getDouble("x");
    }
  }

  @Test
  void privateNestedTrainableIsBuiltDrivenAndQueried() {
    Private t = TrainableFactory.create(Private.class, Config.empty(), Trial.builder(tmp).build());
    t.train();
    Checkpoint checkpoint = t.save();
    t.train();
    t.restore(checkpoint.path());

    assertThat(t.x).isEqualTo(1.0);
    assertThat(TrainableFactory.defaultResourceRequest(Private.class, Config.empty()))
        .contains(Resources.of(3, 0));
    assertThat(TrainableFactory.resourceHelp(Private.class, Config.empty()))
        .isEqualTo("three CPUs");
  }
}

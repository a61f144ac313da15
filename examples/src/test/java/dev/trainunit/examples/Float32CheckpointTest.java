package dev.trainunit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why {@link TwoMoonsMlpFloat32Test} declares a tolerance: a float32 checkpoint loses precision on
 * purpose, so the resumed run is close to the uninterrupted one but not bit-identical.
 */
class Float32CheckpointTest {

  @Test
  void aFloat32CheckpointResumesCloselyButNotExactly(@TempDir Path tmp) {
    Config config = Config.parse(TwoMoonsMlpFloat32Test.CONFIG);
    List<Map<String, Object>> reference =
        Runs.reference(TwoMoonsMlp.class, config, 10, tmp.resolve("ref"));

    AbstractTrainable original = Runs.create(TwoMoonsMlp.class, config, tmp.resolve("orig"));
    Runs.train(original, 5);
    Checkpoint checkpoint = original.save();
    original.stop();
    AbstractTrainable resumed = Runs.create(TwoMoonsMlp.class, config, tmp.resolve("resumed"));
    resumed.restore(checkpoint.path());
    List<Map<String, Object>> continued = Runs.train(resumed, 5);
    resumed.stop();

    assertThat(continued).isNotEqualTo(reference.subList(5, 10));
    for (int i = 0; i < 5; i++) {
      double expected = (Double) reference.get(5 + i).get("loss");
      assertThat((Double) continued.get(i).get("loss"))
          .isCloseTo(expected, within(expected * TwoMoonsMlpFloat32Test.TOLERANCE));
      assertThat(continued.get(i).get("accuracy")).isEqualTo(reference.get(5 + i).get("accuracy"));
    }
  }
}

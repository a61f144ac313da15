package dev.trainunit.examples.libraries;

import dev.trainunit.JsonMap;
import java.nio.file.Path;
import java.util.Map;

/**
 * The broken variant of {@link DjlSpiralMlp}: the checkpoint is what {@code Model.save} writes (and
 * the stream's state), without the optimizer's; a restored model starts Adam from zero moments at
 * step 1.
 */
public class DjlWithoutOptimizerState extends DjlSpiralMlp {

  @Override
  Map<String, Integer> saveOptimizer(Path checkpointDir) {
    return Map.of();
  }

  @Override
  void loadOptimizer(Path checkpointDir, JsonMap state) {
    // the new trainer's optimizer, as it comes
  }
}

package dev.trainunit.reliability;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes two files (one nested) and returns a map: every kind of content a checkpoint holds. */
public class CorpusModel extends AbstractTrainable {

  static final byte[] WEIGHTS = BlobModel.stateAt(7, 1.0 / 128)[0]; // 4 KB
  static final byte[] MOMENTS = BlobModel.stateAt(8, 1.0 / 256)[1]; // 1 KB

  int loads;

  @Override
  protected Map<String, Object> step() {
    return Map.of("loss", 1.0 / (iteration() + 1), "timesteps_this_iter", 10);
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path dir) throws Exception {
    Files.write(dir.resolve("weights.bin"), WEIGHTS);
    Files.createDirectories(dir.resolve("nested"));
    Files.write(dir.resolve("nested/optimizer.bin"), MOMENTS);
    return Map.of("w", List.of(1.5, 2.5), "step", iteration());
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) {
    loads++;
  }
}

package com.acme;

import dev.trainunit.Checkpoint;
import java.nio.file.Path;
import java.util.Map;

/** The classic resume bug: the optimizer's velocity is not in the checkpoint, so a resumed run diverges. */
public class BrokenModel extends CorrectModel {

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
    return Map.of("w", w, "b", b, "rng", rng);
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) {
    w = checkpoint.data().getDouble("w");
    b = checkpoint.data().getDouble("b");
    rng = checkpoint.data().getLong("rng");
  }
}

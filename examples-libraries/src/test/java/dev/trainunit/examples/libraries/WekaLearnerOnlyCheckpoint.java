package dev.trainunit.examples.libraries;

import dev.trainunit.Checkpoint;
import java.nio.file.Path;
import java.util.Map;

/**
 * The broken variant of {@link WekaIncrementalSgd}: the checkpoint most Weka code writes, the
 * learner alone ({@code SerializationHelper.write}). A restored trial reopens its stream at the
 * beginning, so the learner sees instances again in an order the uninterrupted run never fed it.
 */
public class WekaLearnerOnlyCheckpoint extends WekaIncrementalSgd {

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws Exception {
    writeLearner(checkpointDir);
    return null;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws Exception {
    readLearner(checkpoint.path());
    startStream(getConfig().getLong("seed", 1));
  }
}

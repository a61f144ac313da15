package dev.trainunit.examples.libraries;

import dev.trainunit.JsonMap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broken variant of {@link TribuoRetrainedLinearSgd}: the checkpoint holds the model and the
 * stream's position but not the trainer's invocation count, and a restored trial keeps the trainer
 * its setup built from the config — at count 0, so its next model is trained with the random
 * numbers of the first one.
 */
public class TribuoWithoutInvocationCount extends TribuoRetrainedLinearSgd {

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws Exception {
    Map<String, Object> state = new LinkedHashMap<>(super.saveCheckpoint(checkpointDir));
    state.remove("trainer_invocations");
    return state;
  }

  @Override
  void restoreTrainer(JsonMap state) {
    // the trainer as setup built it
  }
}

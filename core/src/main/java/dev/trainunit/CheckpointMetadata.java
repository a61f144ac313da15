package dev.trainunit;

import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@code save()} records beside the trainable's own files, and {@code restore()} puts back
 * into the counters: as Tune's {@code .tune_metadata}.
 *
 * @param formatVersion the checkpoint format; this TrainUnit writes and reads {@link
 *     #FORMAT_VERSION}
 * @param iteration completed training iterations when the checkpoint was taken
 * @param timeTotalS total training time in seconds
 * @param timestepsTotal total timesteps, or null when the trainable never reported any
 * @param episodesTotal total episodes, or null when the trainable never reported any
 * @param lastResult the last result before the checkpoint, without its config; empty if none
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
public record CheckpointMetadata(
    int formatVersion,
    long iteration,
    double timeTotalS,
    Long timestepsTotal,
    Long episodesTotal,
    Map<String, Object> lastResult) {

  public static final int FORMAT_VERSION = 1;

  public CheckpointMetadata {
    Objects.requireNonNull(lastResult, "lastResult");
  }
}

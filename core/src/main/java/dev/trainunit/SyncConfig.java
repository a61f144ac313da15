package dev.trainunit;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a trial keeps its remote storage up to date, as Tune's {@code SyncConfig}: result logs are
 * uploaded at most once per {@code syncPeriod} (and at {@code stop()}), and each checkpoint is
 * uploaded right after {@code save()} when {@code syncOnCheckpoint} is true.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
public record SyncConfig(Duration syncPeriod, boolean syncOnCheckpoint) {

  /** Tune's defaults: every five minutes, and on every checkpoint. */
  public static final SyncConfig DEFAULT = new SyncConfig(Duration.ofMinutes(5), true);

  public SyncConfig {
    Objects.requireNonNull(syncPeriod, "syncPeriod");
    if (syncPeriod.isNegative()) {
      throw new IllegalArgumentException("syncPeriod must not be negative: " + syncPeriod);
    }
  }
}

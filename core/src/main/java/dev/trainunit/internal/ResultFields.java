package dev.trainunit.internal;

import org.apiguardian.api.API;

/**
 * Receives the keys and values of a result one by one, numbers the framework fills in unboxed: what
 * lets a result logger stream a result without building its map or boxing its counters.
 *
 * <p>Internal: for TrainUnit's own loggers, not for model code; it may change in any release.
 */
@API(status = API.Status.INTERNAL, since = "0.2.0")
public interface ResultFields {

  void field(String key, Object value);

  void field(String key, long value);

  void field(String key, double value);
}

package dev.trainunit.storage;

import java.nio.file.Path;
import java.util.Map;

/** What fills a checkpoint directory: the trainable's {@code saveCheckpoint}, wrapped by the framework. */
@FunctionalInterface
public interface SaveHook {

  /** Writes files into {@code dir}, and/or returns a map to store as JSON (null for none). */
  Map<String, Object> save(Path dir);
}

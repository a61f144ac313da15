package dev.trainunit;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A complete checkpoint on disk, as {@code save()} returns it and {@code loadCheckpoint} receives
 * it.
 *
 * <p>{@link #path()} is the checkpoint directory: the files {@code saveCheckpoint} wrote are there
 * under the names it gave them. {@link #data()} is the map {@code saveCheckpoint} returned, read
 * back with the typed getters of {@link JsonMap} (empty when the hook wrote files instead). Numbers
 * come back as JSON gives them: read a {@code double[]} with {@link
 * JsonMap#getDoubleArray(String)}, a {@code long} with {@link JsonMap#getLong(String)}.
 */
@API(status = API.Status.STABLE, since = "0.1.0")
public final class Checkpoint {

  private final Path path;
  private final CheckpointMetadata metadata;
  private final JsonMap data;
  private final boolean hasData;

  public Checkpoint(Path path, CheckpointMetadata metadata, JsonMap data) {
    this.path = Objects.requireNonNull(path, "path");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.hasData = data != null;
    this.data = data != null ? data : JsonMap.of(Map.of());
  }

  /** The checkpoint directory. */
  public Path path() {
    return path;
  }

  /** The map {@code saveCheckpoint} returned; empty when it wrote files instead. */
  public JsonMap data() {
    return data;
  }

  /** Whether {@code saveCheckpoint} returned a map (rather than writing files). */
  public boolean hasData() {
    return hasData;
  }

  public CheckpointMetadata metadata() {
    return metadata;
  }

  /** The training iteration the checkpoint was taken at. */
  public long iteration() {
    return metadata.iteration();
  }

  @Override
  public String toString() {
    return "Checkpoint[" + path + " at iteration " + metadata.iteration() + "]";
  }
}

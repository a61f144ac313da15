package dev.trainunit;

import dev.trainunit.internal.CheckpointIo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 *
 * <p>Write a file checkpoint through {@link #output(Path, String)} and read it back through {@link
 * #input(String)}: each file is then checksummed as it is written and verified as it is read,
 * instead of being read once more on save and once more on restore.
 *
 * <pre>{@code
 * protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
 *   try (DataOutputStream out = new DataOutputStream(Checkpoint.output(dir, "weights.bin"))) {
 *     for (double w : weights) out.writeDouble(w);
 *   }
 *   return null;
 * }
 *
 * protected void loadCheckpoint(Checkpoint checkpoint) throws IOException {
 *   try (DataInputStream in = new DataInputStream(checkpoint.input("weights.bin"))) {
 *     for (int i = 0; i < weights.length; i++) weights[i] = in.readDouble();
 *   }
 * }
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public final class Checkpoint {

  private final Path path;
  private final CheckpointMetadata metadata;
  private final JsonMap data;
  private final boolean hasData;

  /** Null for a checkpoint made with the three-argument constructor: its files are not verified. */
  private final CheckpointIo.Reading files;

  public Checkpoint(Path path, CheckpointMetadata metadata, JsonMap data) {
    this(path, metadata, data, null);
  }

  /** For TrainUnit's storage: a checkpoint whose files {@code files} opens and verifies. */
  @API(status = API.Status.INTERNAL, since = "0.2.0")
  public Checkpoint(
      Path path, CheckpointMetadata metadata, JsonMap data, CheckpointIo.Reading files) {
    this.path = Objects.requireNonNull(path, "path");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.hasData = data != null;
    this.data = data != null ? data : JsonMap.of(Map.of());
    this.files = files;
  }

  /**
   * Opens a new file {@code name} in the checkpoint being written, for {@code saveCheckpoint}: the
   * stream is buffered and computes the file's CRC32C as you write, so {@code save()} need not read
   * the file again. Close it before the hook returns ({@code save()} refuses a checkpoint whose
   * stream is still open).
   *
   * @param checkpointDir the directory {@code saveCheckpoint} was given, or a directory under it
   * @param name a relative path with {@code /} separators, for example {@code
   *     "optimizer/adam.bin"}; missing directories are created
   * @throws java.nio.file.FileAlreadyExistsException when the file exists
   * @throws IllegalArgumentException when {@code name} is not a plain relative path (empty, {@code
   *     ..} or {@code .} segments, backslashes, NUL, a drive letter)
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
  public static OutputStream output(Path checkpointDir, String name) throws IOException {
    return CheckpointIo.output(checkpointDir, name);
  }

  /**
   * Opens the file {@code name} of this checkpoint, for {@code loadCheckpoint}: the stream is
   * buffered and checks the file against what {@code save()} recorded as you read. The read that
   * reaches its end, or {@link InputStream#close()}, which reads what you left, throws an {@link
   * IOException} when the file is damaged; {@code restore()} then throws a {@link
   * CheckpointException} naming it. A file written with {@link #output(Path, String)} is verified
   * only this way, not before {@code loadCheckpoint}: read it with this method.
   *
   * @param name the name given to {@link #output(Path, String)} (or of any file of the checkpoint)
   * @throws java.nio.file.NoSuchFileException when the checkpoint has no such file
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
  public InputStream input(String name) throws IOException {
    return files != null ? files.open(name) : CheckpointIo.plainInput(path, name);
  }

  /**
   * After {@code loadCheckpoint} returned ({@code hookFailure} null) or threw: throws the damage
   * found in the files it read, and in files saved through streams that it did not read through
   * {@link #input(String)}.
   */
  void finishLoad(Throwable hookFailure) {
    if (files != null) files.finishLoad(hookFailure);
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

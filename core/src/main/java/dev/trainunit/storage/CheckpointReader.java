package dev.trainunit.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.JsonMap;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a checkpoint back and refuses one it cannot trust: a missing directory or metadata file,
 * damaged JSON, an unknown format version, a manifest naming paths outside the directory, a file
 * missing, added, resized or (with checksums on) changed since {@code save()}, or a symbolic link
 * anywhere inside. Each refusal is a {@link CheckpointException} naming the path and the problem.
 *
 * <p>Nothing outside the checkpoint directory is opened, and nothing is allocated from a size the
 * checkpoint declares: sizes are compared with what the file system reports.
 */
final class CheckpointReader {

  private final boolean verifyChecksums;

  CheckpointReader(boolean verifyChecksums) {
    this.verifyChecksums = verifyChecksums;
  }

  Checkpoint read(Path dir) {
    requireDirectory(dir);
    MetadataFile.Contents metadata = MetadataFile.read(dir);
    // The stored map is verified as it is parsed, and files saved through Checkpoint.output as
    // loadCheckpoint reads them through Checkpoint.input: each is read once, not once more first.
    Manifest.verify(
        dir, metadata.files(), verifyChecksums, metadata.hasData() ? CheckpointFiles.DATA : null);
    CheckpointStreams.Reads reads =
        new CheckpointStreams.Reads(dir, metadata.files(), verifyChecksums, true);
    JsonMap data = metadata.hasData() ? readData(dir, metadata.files(), reads) : null;
    return new Checkpoint(dir, metadata.metadata(), data, reads);
  }

  /**
   * Refuses a checkpoint whose metadata is damaged or whose files are not those its manifest lists,
   * at the sizes it lists, reading no file but the metadata: a remote copy, before it is fetched,
   * so that a file far larger than the one saved is never copied.
   */
  void checkSizes(Path dir) {
    requireDirectory(dir);
    Manifest.verify(dir, MetadataFile.read(dir).files(), false, null);
  }

  private static void requireDirectory(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new CheckpointException(dir, "does not exist");
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new CheckpointException(
          dir, "is not a directory (a checkpoint is a directory written by save())");
    }
  }

  /** The newest checkpoint under {@code trialDir} that reads back complete, if any. */
  Optional<Checkpoint> latest(Path trialDir) {
    if (!Files.isDirectory(trialDir)) return Optional.empty();
    try {
      for (Path candidate : CheckpointFiles.newestFirst(trialDir)) {
        try {
          return Optional.of(read(candidate));
        } catch (CheckpointException skipped) {
          // A damaged newer checkpoint must not hide an intact older one.
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new CheckpointException(trialDir, "cannot list checkpoints: " + e, e);
    }
  }

  private static JsonMap readData(
      Path dir, Map<String, Manifest.Entry> declared, CheckpointStreams.Reads reads) {
    Path file = dir.resolve(CheckpointFiles.DATA);
    if (!declared.containsKey(CheckpointFiles.DATA)) {
      throw new CheckpointException(
          file, "metadata says the checkpoint holds a map, but the manifest does not list it");
    }
    Map<String, Object> data;
    try (InputStream in = reads.open(CheckpointFiles.DATA)) {
      data = Json.MAPPER.readValue(in, MetadataFile.MAP_TYPE);
    } catch (JsonProcessingException e) {
      throw damageOr(
          reads,
          new CheckpointException(file, "checkpoint data is damaged: " + Json.describe(e), e));
    } catch (IOException e) {
      throw damageOr(
          reads, new CheckpointException(file, "checkpoint data cannot be read: " + e, e));
    }
    // Closing the stream read and checked what the parser left, if anything.
    CheckpointException damage = reads.takeDamage();
    if (damage != null) throw damage;
    return JsonMap.of(data);
  }

  /**
   * The damage the stream found, which is what made parsing fail when there is one: a flipped byte
   * is reported as a checksum mismatch, not as whatever the parser made of it.
   */
  private static CheckpointException damageOr(
      CheckpointStreams.Reads reads, CheckpointException failure) {
    CheckpointException damage = reads.takeDamage();
    if (damage == null) return failure;
    damage.addSuppressed(failure);
    return damage;
  }
}

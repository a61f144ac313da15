package dev.trainunit;

import static dev.trainunit.TestTrials.readJson;
import static dev.trainunit.TestTrials.start;
import static dev.trainunit.TestTrials.writeJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.TestTrainables.Counter;
import dev.trainunit.TestTrainables.FileModel;
import dev.trainunit.storage.CheckpointFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged, tampered or hostile checkpoint is refused with a {@link CheckpointException} naming
 * the path and the problem, before {@code loadCheckpoint} runs and before any counter changes.
 */
class CheckpointDamageTest {

  @TempDir Path tmp;

  private Path checkpoint;
  private Path data;
  private Path metadata;
  private Counter target;

  @BeforeEach
  void saveACheckpointAndStartAnotherTrainable() {
    Counter source = start(Counter.class, tmp.resolve("source"));
    for (int i = 0; i < 3; i++) source.train();
    checkpoint = source.save().path();
    data = checkpoint.resolve("dict_checkpoint.json");
    metadata = checkpoint.resolve(".checkpoint_metadata.json");
    target = start(Counter.class, tmp.resolve("target"));
    target.train();
  }

  private void assertRefused(Path path, Path named, String... problem) {
    assertThatThrownBy(() -> target.restore(path))
        .isInstanceOfSatisfying(
            CheckpointException.class, e -> assertThat(e.path()).isEqualTo(named))
        .hasMessageContaining(named.toString())
        .hasMessageContainingAll(problem);
    assertThat(target.loads).as("loadCheckpoint must not see a refused checkpoint").isZero();
    assertThat(target.iteration()).as("counters are untouched").isEqualTo(1);
    assertThat(target.count).isEqualTo(1);
  }

  /**
   * Writes edited metadata without its own checksum member, so that what is tested is the reader's
   * check of the structure, not the checksum (which HostileCheckpointTest covers).
   */
  private void writeEditedMetadata(Map<String, Object> meta) throws Exception {
    meta.remove(CheckpointFiles.METADATA_CHECKSUM);
    writeJson(metadata, meta);
  }

  private void assertRefused(Path named, String... problem) {
    assertRefused(checkpoint, named, problem);
  }

  @SuppressWarnings("unchecked")
  private void editManifest(Consumer<Map<String, Object>> edit) throws Exception {
    Map<String, Object> meta = readJson(metadata);
    edit.accept((Map<String, Object>) meta.get("files"));
    writeEditedMetadata(meta);
  }

  @Test
  void intactCheckpointRestores() {
    target.restore(checkpoint);

    assertThat(target.loads).isEqualTo(1);
    assertThat(target.iteration()).isEqualTo(3);
  }

  @Test
  void missingCheckpoint() {
    Path missing = tmp.resolve("source/trial/checkpoint_000042");
    assertRefused(missing, missing, "does not exist");
  }

  @Test
  void aFileInsteadOfADirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("checkpoint_000001"), "x");
    assertRefused(file, file, "is not a directory");
  }

  @Test
  void missingMetadata() throws Exception {
    Files.delete(metadata);
    assertRefused(metadata, "metadata file is missing");
  }

  @Test
  void truncatedMetadata() throws Exception {
    byte[] bytes = Files.readAllBytes(metadata);
    Files.write(metadata, Arrays.copyOf(bytes, bytes.length / 2));
    assertRefused(metadata, "metadata is damaged", "line 1");
  }

  @Test
  void emptyMetadata() throws Exception {
    Files.write(metadata, new byte[0]);
    assertRefused(metadata, "empty or truncated");
  }

  @Test
  void truncatedDataFile() throws Exception {
    long size = Files.size(data);
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.setLength(size - 5);
    }
    assertRefused(data, (size - 5) + " bytes", "saved with " + size + " bytes", "truncated");
  }

  @Test
  void flippedByteInDataFile() throws Exception {
    TestTrials.flipByte(data, Files.size(data) / 2);
    assertRefused(data, "CRC32C", "damaged");
  }

  @Test
  void flippedByteInAFileCheckpoint() throws Exception {
    FileModel model = start(FileModel.class, tmp.resolve("files"));
    model.train();
    Path dir = model.save().path();
    Path weights = dir.resolve("weights.bin");
    TestTrials.flipByte(weights, 0);

    assertRefused(dir, weights, "CRC32C");
  }

  @Test
  void extraFile() throws Exception {
    Path extra = Files.writeString(checkpoint.resolve("injected.bin"), "not from save()");
    assertRefused(extra, "is not listed in the manifest");
  }

  @Test
  void extraFileInASubdirectory() throws Exception {
    Files.createDirectories(checkpoint.resolve("sub"));
    Path extra = Files.writeString(checkpoint.resolve("sub/injected.bin"), "x");
    assertRefused(extra, "is not listed in the manifest");
  }

  @Test
  void resizedFile() throws Exception {
    long size = Files.size(data);
    Files.writeString(data, " ", StandardOpenOption.APPEND);
    assertRefused(data, (size + 1) + " bytes", "saved with " + size + " bytes");
  }

  @Test
  void deletedFile() throws Exception {
    Files.delete(data);
    assertRefused(data, "missing", "incomplete");
  }

  @Test
  void unknownFormatVersion() throws Exception {
    Map<String, Object> meta = readJson(metadata);
    meta.put("format_version", 2);
    writeEditedMetadata(meta);
    assertRefused(metadata, "format version 2 is not supported", "version 1");
  }

  @Test
  void iterationPastTheLargestCounter() throws Exception {
    Map<String, Object> meta = readJson(metadata);
    meta.put("iteration", Long.MAX_VALUE);
    writeEditedMetadata(meta);
    assertRefused(metadata, "iteration is " + Long.MAX_VALUE, "outside 0..9007199254740991");
  }

  @Test
  void negativeTimesteps() throws Exception {
    Map<String, Object> meta = readJson(metadata);
    meta.put("timesteps_total", -1);
    writeEditedMetadata(meta);
    assertRefused(metadata, "timesteps_total is negative: -1", "outside");
  }

  @Test
  void theLargestCounterIsRestoredAndTrainedOn() throws Exception {
    Map<String, Object> meta = readJson(metadata);
    meta.put("iteration", (1L << 53) - 2);
    writeEditedMetadata(meta);

    target.restore(checkpoint);

    assertThat(target.train().trainingIteration()).isEqualTo((1L << 53) - 1);
  }

  /** Replaces the data file by a hard link to a byte-identical file outside the checkpoint. */
  private Path dataAsAHardLinkToAFileOutside() throws Exception {
    Path outside = tmp.resolve("outside.json");
    Files.copy(data, outside);
    Files.delete(data);
    Files.createLink(data, outside);
    return outside;
  }

  /**
   * A hard link is accepted: it is a name inside the checkpoint for a file whose bytes the manifest
   * records, so whatever another name changes in them is refused by the checksum, and deleting the
   * checkpoint removes only its own name.
   */
  @Test
  void hardLinkToAFileOutsideIsReadAsItsBytesAndCheckedAsThem() throws Exception {
    Path outside = dataAsAHardLinkToAFileOutside();

    target.restore(checkpoint);
    assertThat(target.loads).isEqualTo(1);

    target.deleteCheckpoint(checkpoint);
    assertThat(checkpoint).doesNotExist();
    assertThat(outside).exists();
  }

  @Test
  void hardLinkWhoseFileIsChangedThroughAnotherName() throws Exception {
    Path outside = dataAsAHardLinkToAFileOutside();
    TestTrials.flipByte(outside, Files.size(outside) / 2);

    assertRefused(data, "CRC32C", "damaged");
  }

  @Test
  void missingFormatVersion() throws Exception {
    Map<String, Object> meta = readJson(metadata);
    meta.remove("format_version");
    writeEditedMetadata(meta);
    assertRefused(metadata, "format_version");
  }

  @Test
  void manifestEntryEscapingUpwards() throws Exception {
    Files.writeString(checkpoint.getParent().resolve("x"), "outside");
    editManifest(files -> files.put("../x", new LinkedHashMap<>(Map.of("size", 7))));
    assertRefused(metadata, "'../x'", "not a plain path");
  }

  @Test
  void manifestEntryWithAnAbsolutePath() throws Exception {
    editManifest(files -> files.put("/etc/passwd", new LinkedHashMap<>(Map.of("size", 1))));
    assertRefused(metadata, "'/etc/passwd'", "not a plain path");
  }

  @Test
  void manifestEntryEscapingFromASubdirectory() throws Exception {
    editManifest(files -> files.put("a/../../x", new LinkedHashMap<>(Map.of("size", 1))));
    assertRefused(metadata, "'a/../../x'");
  }

  @Test
  void manifestWithoutSizes() throws Exception {
    editManifest(
        files ->
            files.put("dict_checkpoint.json", new LinkedHashMap<>(Map.of("crc32c", "00000000"))));
    assertRefused(metadata, "dict_checkpoint.json", "no valid size");
  }

  @Test
  void symbolicLinkInsideTheCheckpoint() throws Exception {
    Path outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(checkpoint.resolve("link.txt"), outside);
    assertRefused(checkpoint, checkpoint.resolve("link.txt"), "symbolic link");
  }
}

package dev.trainunit;

import static dev.trainunit.TestTrials.readJson;
import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.storage.CheckpointFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written through {@link Checkpoint#output(Path, String)} are checksummed as they are written
 * and verified as they are read through {@link Checkpoint#input(String)}: damage is still refused
 * with a {@link CheckpointException} naming the file, however the hook reads or handles it.
 */
class CheckpointStreamTest {

  @TempDir Path tmp;

  /** A state of {@code size} bytes in {@code state.bin}, and a few doubles in a nested file. */
  public static class Streamed extends AbstractTrainable {
    static final int SIZE = 3 * 1024 * 1024 + 17;
    byte[] state = bytes(SIZE, 1);
    double[] weights = {1.5, -2.25, 3.0};

    /** How loadCheckpoint reads state.bin: "readAll", "small" reads, "partial", "files". */
    String reading = "readAll";

    /** Catch and forget what the stream throws, as a careless hook would. */
    boolean swallow;

    int loads;

    @Override
    protected Map<String, Object> step() {
      state = bytes(SIZE, iteration() + 2);
      return Map.of();
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
      try (OutputStream out = Checkpoint.output(dir, "state.bin")) {
        out.write(state, 0, 10); // small writes go through the buffer,
        for (int i = 10; i < 1000; i++) out.write(state[i]);
        out.write(state, 1000, state.length - 1000); // a large one bypasses it
      }
      try (DataOutputStream out =
          new DataOutputStream(Checkpoint.output(dir, "optimizer/weights.bin"))) {
        for (double w : weights) out.writeDouble(w);
      }
      return null;
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) throws IOException {
      loads++;
      byte[] loaded = new byte[SIZE];
      if (reading.equals("files")) {
        loaded = Files.readAllBytes(checkpoint.path().resolve("state.bin"));
      } else {
        try (InputStream in = checkpoint.input("state.bin")) {
          switch (reading) {
            case "readAll" -> loaded = in.readAllBytes();
            case "small" -> {
              for (int i = 0; i < SIZE; i++) loaded[i] = (byte) in.read();
            }
            case "partial" -> loaded = in.readNBytes(100);
            default -> throw new IllegalStateException(reading);
          }
        } catch (IOException e) {
          if (!swallow) throw e;
        }
      }
      double[] w = new double[3];
      try (DataInputStream in = new DataInputStream(checkpoint.input("optimizer/weights.bin"))) {
        for (int i = 0; i < w.length; i++) w[i] = in.readDouble();
      }
      state = loaded;
      weights = w;
    }
  }

  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private Streamed trained() {
    Streamed t = start(Streamed.class, tmp);
    t.train();
    return t;
  }

  @ParameterizedTest(name = "read with {0}")
  @ValueSource(strings = {"readAll", "small", "files"})
  void aStreamedCheckpointRestoresExactly(String reading) {
    Streamed t = trained();
    byte[] saved = t.state.clone();
    Checkpoint c = t.save();
    t.train();
    t.reading = reading;

    t.restore(c.path());

    assertThat(t.state).isEqualTo(saved);
    assertThat(t.weights).containsExactly(1.5, -2.25, 3.0);
  }

  @Test
  void theManifestRecordsTheChecksumTheStreamComputed() throws Exception {
    Streamed t = trained();
    Checkpoint c = t.save();

    @SuppressWarnings("unchecked")
    Map<String, Object> files =
        (Map<String, Object>) readJson(c.path().resolve(CheckpointFiles.METADATA)).get("files");
    CRC32C crc = new CRC32C();
    crc.update(t.state);
    assertThat(files.get("state.bin"))
        .isEqualTo(
            Map.of(
                "size",
                Streamed.SIZE,
                "crc32c",
                String.format("%08x", crc.getValue()),
                "streamed",
                true));
    assertThat(files).containsKey("optimizer/weights.bin");
  }

  @ParameterizedTest(name = "read with {0}, swallowing the stream's exception: {1}")
  @ValueSource(strings = {"readAll", "small", "partial"})
  void aFlippedByteIsRefusedNamingTheFileEvenWhenTheHookSwallowsTheError(String reading)
      throws Exception {
    for (boolean swallow : new boolean[] {false, true}) {
      Streamed t = start(Streamed.class, tmp.resolve(reading + swallow));
      t.train();
      Checkpoint c = t.save();
      Path state = c.path().resolve("state.bin");
      TestTrials.flipByte(state, Streamed.SIZE - 3); // in the part "partial" does not read
      t.reading = reading;
      t.swallow = swallow;

      assertThatThrownBy(() -> t.restore(c.path()))
          .as("swallow %s", swallow)
          .isInstanceOfSatisfying(
              CheckpointException.class, e -> assertThat(e.path()).isEqualTo(state))
          .hasMessageContaining("CRC32C")
          .hasMessageContaining("damaged");
    }
  }

  @Test
  void aStreamedFileTheHookReadsAnotherWayIsVerifiedAfterLoadCheckpoint() throws Exception {
    Streamed t = trained();
    Checkpoint c = t.save();
    Path state = c.path().resolve("state.bin");
    TestTrials.flipByte(state, 5);
    t.reading = "files";

    assertThatThrownBy(() -> t.restore(c.path()))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(state.toString())
        .hasMessageContaining("not read with Checkpoint.input");
  }

  @Test
  void aTruncatedStreamedFileIsRefusedBeforeLoadCheckpoint() throws Exception {
    Streamed t = trained();
    Checkpoint c = t.save();
    Path state = c.path().resolve("state.bin");
    try (var ch = Files.newByteChannel(state, StandardOpenOption.WRITE)) {
      ch.truncate(100);
    }

    assertThatThrownBy(() -> t.restore(c.path()))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(state.toString())
        .hasMessageContaining("truncated");
    assertThat(t.loads).isZero();
  }

  @Test
  void fallbackToLatestSkipsACheckpointWhoseStreamedFileIsDamaged() throws Exception {
    Streamed t = trained();
    byte[] first = t.state.clone();
    Checkpoint older = t.save();
    t.train();
    Checkpoint newer = t.save();
    TestTrials.flipByte(newer.path().resolve("state.bin"), 7);

    t.restore(newer.path(), true);

    assertThat(t.iteration()).isEqualTo(older.iteration());
    assertThat(t.state).isEqualTo(first);
  }

  @Test
  void theCheckpointSaveReturnsVerifiesWhatItsStreamsRead() throws Exception {
    Streamed t = trained();
    Checkpoint c = t.save();
    t.restore(c);
    TestTrials.flipByte(c.path().resolve("state.bin"), 9);

    assertThatThrownBy(() -> t.restore(c)).isInstanceOf(CheckpointException.class);
  }

  @Test
  void aFileChangedAfterItsStreamClosedIsChecksummedAgain() {
    Streamed t =
        TrainableFactory.create(Rewriter.class, Config.empty(), TestTrials.trial(tmp).build());
    t.train();
    Checkpoint c = t.save();
    t.restore(c.path());
    assertThat(t.state[0]).isEqualTo((byte) 42);
  }

  /** Writes state.bin through a stream, then changes it behind the stream's back. */
  public static class Rewriter extends Streamed {
    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
      super.saveCheckpoint(dir);
      byte[] changed = state.clone();
      changed[0] = 42;
      Files.write(dir.resolve("state.bin"), changed);
      Files.write(dir.resolve("state.bin"), new byte[] {0}, StandardOpenOption.APPEND);
      return null;
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) throws IOException {
      try (InputStream in = checkpoint.input("state.bin")) {
        state = in.readAllBytes();
      }
    }
  }

  @Test
  void aHookReturningWithAStreamStillOpenIsRefusedNamingTheFile() throws Exception {
    LeavesOpen t =
        TrainableFactory.create(LeavesOpen.class, Config.empty(), TestTrials.trial(tmp).build());
    t.train();

    assertThatThrownBy(t::save)
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("[left-open.bin]")
        .hasMessageContaining("still open");
    t.leaked.close();
    assertThat(TestTrials.list(t.logdir())).noneMatch(n -> n.startsWith("checkpoint_"));
  }

  /** Leaves its stream open. */
  public static class LeavesOpen extends AbstractTrainable {
    OutputStream leaked;

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
      leaked = Checkpoint.output(dir, "left-open.bin");
      leaked.write(1);
      return null;
    }
  }

  @Test
  void namesAreCheckedOnBothSides() throws Exception {
    Streamed t = trained();
    Checkpoint c = t.save();

    assertThatThrownBy(() -> c.input("missing.bin"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.bin");
    assertThatThrownBy(() -> c.input(CheckpointFiles.METADATA))
        .isInstanceOf(NoSuchFileException.class);
    for (String bad : new String[] {"../x", "/etc/passwd", "a//b", "a\\b", "C:x", "", "a/./b"}) {
      assertThatThrownBy(() -> Checkpoint.output(tmp, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot name a file of a checkpoint");
    }
    assertThatThrownBy(() -> Checkpoint.output(c.path(), "state.bin"))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void outsideASaveOutputWritesAPlainFile() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plain"));
    try (OutputStream out = Checkpoint.output(dir, "sub/x.bin")) {
      out.write(new byte[] {1, 2, 3});
    }
    assertThat(Files.readAllBytes(dir.resolve("sub/x.bin"))).containsExactly(1, 2, 3);
    Checkpoint plain =
        new Checkpoint(dir, new CheckpointMetadata(1, 0, 0, null, null, Map.of()), null);
    try (InputStream in = plain.input("sub/x.bin")) {
      assertThat(Arrays.equals(in.readAllBytes(), new byte[] {1, 2, 3})).isTrue();
    }
  }
}

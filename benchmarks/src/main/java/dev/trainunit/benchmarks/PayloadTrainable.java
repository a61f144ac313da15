package dev.trainunit.benchmarks;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trainable whose whole state is one byte array, written as one file. By default the file goes
 * through {@link Checkpoint#output(Path, String)} and comes back through {@link
 * Checkpoint#input(String)}, which checksum and verify it as the bytes go by; with {@link
 * #writeFilesDirectly(boolean)}, {@code saveCheckpoint} writes it with {@link Files#write} and
 * {@code loadCheckpoint} reads it with {@link Files#readAllBytes}, and the framework reads the file
 * once more on each side for its checksum. Either way {@code save()} + {@code restore()} costs the
 * raw file I/O plus whatever TrainUnit adds around it.
 */
public final class PayloadTrainable extends AbstractTrainable {

  static final String STATE_FILE = "state.bin";

  private byte[] state = new byte[0];
  private boolean direct;

  /** Whether the hooks use {@link Files} directly rather than the checkpoint's streams. */
  public void writeFilesDirectly(boolean direct) {
    this.direct = direct;
  }

  /** Replaces the state; the array is kept, not copied. */
  public void setState(byte[] state) {
    this.state = state;
  }

  public byte[] state() {
    return state;
  }

  @Override
  protected Map<String, Object> step() {
    return Map.of("state_bytes", state.length);
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws Exception {
    if (direct) {
      Files.write(checkpointDir.resolve(STATE_FILE), state);
      return null;
    }
    try (OutputStream out = Checkpoint.output(checkpointDir, STATE_FILE)) {
      out.write(state);
    }
    return null;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws Exception {
    if (direct) {
      state = Files.readAllBytes(checkpoint.path().resolve(STATE_FILE));
      return;
    }
    try (InputStream in = checkpoint.input(STATE_FILE)) {
      state = in.readAllBytes();
    }
  }
}

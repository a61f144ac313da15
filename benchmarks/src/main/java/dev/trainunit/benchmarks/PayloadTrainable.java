package dev.trainunit.benchmarks;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trainable whose whole state is one byte array, checkpointed the plainest way: {@code
 * saveCheckpoint} writes it to a file with {@link Files#write}, {@code loadCheckpoint} reads it
 * back with {@link Files#readAllBytes}. So {@code save()} + {@code restore()} costs exactly the raw
 * file I/O plus whatever TrainUnit adds around it.
 */
public final class PayloadTrainable extends AbstractTrainable {

  static final String STATE_FILE = "state.bin";

  private byte[] state = new byte[0];

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
    Files.write(checkpointDir.resolve(STATE_FILE), state);
    return null;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws Exception {
    state = Files.readAllBytes(checkpoint.path().resolve(STATE_FILE));
  }
}

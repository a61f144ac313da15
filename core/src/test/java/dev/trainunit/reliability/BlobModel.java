package dev.trainunit.reliability;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A trainable whose state is a deterministic function of its iteration, several files and about 1
 * MB per checkpoint (scaled by config {@code scale}), so a restored state can be recomputed and
 * compared byte for byte, and so {@code save()} takes long enough to be interrupted.
 */
public class BlobModel extends AbstractTrainable {

  static final String[] FILES = {
    "weights.bin", "optimizer/moments.bin", "optimizer/velocity.bin", "rng.bin"
  };
  static final int[] SIZES = {512 * 1024, 256 * 1024, 192 * 1024, 64 * 1024};

  byte[][] state;
  int loads;
  private double scale;

  @Override
  protected void setup(Config config) {
    scale = config.getDouble("scale", 1.0);
    state = stateAt(0, scale);
  }

  @Override
  protected Map<String, Object> step() {
    state = stateAt(iteration() + 1, scale);
    return Map.of("first_byte", state[0][0]);
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
    for (int i = 0; i < FILES.length; i++) {
      Path file = dir.resolve(FILES[i]);
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        // Several writes per file, as a real serializer makes them.
        for (int off = 0; off < state[i].length; off += 32 * 1024) {
          out.write(state[i], off, Math.min(32 * 1024, state[i].length - off));
        }
      }
    }
    return null;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws IOException {
    loads++;
    byte[][] loaded = new byte[FILES.length][];
    for (int i = 0; i < FILES.length; i++)
      loaded[i] = Files.readAllBytes(checkpoint.path().resolve(FILES[i]));
    state = loaded;
  }

  /** The state after {@code iteration} iterations. */
  static byte[][] stateAt(long iteration, double scale) {
    SplittableRandom random = new SplittableRandom(0x5EED_0000L + iteration);
    byte[][] s = new byte[FILES.length][];
    for (int i = 0; i < FILES.length; i++) {
      s[i] = new byte[Math.max(1, (int) (SIZES[i] * scale))];
      for (int j = 0; j < s[i].length; j += 8) {
        long v = random.nextLong();
        for (int k = 0; k < 8 && j + k < s[i].length; k++) s[i][j + k] = (byte) (v >>> (8 * k));
      }
    }
    return s;
  }
}

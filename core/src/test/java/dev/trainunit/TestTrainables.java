package dev.trainunit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small trainables the core tests drive. */
final class TestTrainables {

  private TestTrainables() {}

  /**
   * A one-weight linear model fitting {@code target} by gradient steps, with map checkpoints.
   * Config: {@code lr} (0.5), {@code target} (3.0), {@code time} (a time_this_iter_s to report),
   * {@code done_at} / {@code checkpoint_at} (iteration that reports done / should_checkpoint),
   * {@code sleep_ms} (per step), {@code resettable} (what resetConfig answers, true).
   */
  static class Counter extends AbstractTrainable {
    double w;
    long count;
    List<Double> history = new ArrayList<>();
    double lr;
    double target;
    Config cfg;

    int setups;
    int cleanups;
    int loads;
    final List<Long> iterationsSeenInStep = new ArrayList<>();
    Path logdirInSetup;
    String trialIdInSetup;
    String trialNameInSetup;
    Config configInSetup;

    @Override
    protected void setup(Config config) {
      setups++;
      logdirInSetup = logdir();
      trialIdInSetup = trialId();
      trialNameInSetup = trialName();
      configInSetup = getConfig();
      init(config);
    }

    private void init(Config config) {
      cfg = config;
      lr = config.getDouble("lr", 0.5);
      target = config.getDouble("target", 3.0);
      w = config.getDouble("w0", 0.0);
      count = 0;
      history = new ArrayList<>();
    }

    @Override
    protected Map<String, Object> step() throws Exception {
      iterationsSeenInStep.add(iteration());
      long sleep = cfg.getLong("sleep_ms", 0);
      if (sleep > 0) Thread.sleep(sleep);
      w -= lr * (w - target);
      count++;
      history.add(w);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("loss", (w - target) * (w - target));
      m.put("w", w);
      m.put("count", count);
      if (cfg.containsKey("time")) m.put(Result.TIME_THIS_ITER_S, cfg.getDouble("time"));
      if (count == cfg.getLong("done_at", -1)) m.put(Result.DONE, true);
      if (count == cfg.getLong("checkpoint_at", -1)) m.put(Result.SHOULD_CHECKPOINT, true);
      return m;
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("w", w);
      state.put("count", count);
      state.put("history", history.stream().mapToDouble(Double::doubleValue).toArray());
      return state;
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) {
      loads++;
      w = checkpoint.data().getDouble("w");
      count = checkpoint.data().getLong("count");
      history = new ArrayList<>();
      for (double d : checkpoint.data().getDoubleArray("history")) history.add(d);
    }

    @Override
    protected boolean resetConfig(Config newConfig) {
      if (!newConfig.getBoolean("resettable", true)) return false;
      init(newConfig);
      return true;
    }

    @Override
    protected void cleanup() {
      cleanups++;
    }
  }

  /** Checkpoints by writing files: a binary weight vector and a nested text file. */
  static class FileModel extends AbstractTrainable {
    double[] weights = new double[4];
    String note = "";

    @Override
    protected Map<String, Object> step() {
      for (int i = 0; i < weights.length; i++) weights[i] += 0.1 * (i + 1);
      note = "after " + (iteration() + 1);
      return Map.of("w0", weights[0]);
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(8 * weights.length);
      for (double d : weights) buf.putDouble(d);
      Files.write(dir.resolve("weights.bin"), buf.array());
      Files.createDirectories(dir.resolve("extra"));
      Files.writeString(dir.resolve("extra/note.txt"), note);
      return null;
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) throws IOException {
      ByteBuffer buf =
          ByteBuffer.wrap(Files.readAllBytes(checkpoint.path().resolve("weights.bin")));
      weights = new double[buf.remaining() / 8];
      for (int i = 0; i < weights.length; i++) weights[i] = buf.getDouble();
      note = Files.readString(checkpoint.path().resolve("extra/note.txt"));
    }
  }

  /** Reports timesteps and episodes as an RL trainable does. */
  static class Rollouts extends AbstractTrainable {
    @Override
    protected Map<String, Object> step() {
      return Map.of(Result.TIMESTEPS_THIS_ITER, 100, Result.EPISODES_THIS_ITER, 3);
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) {
      return Map.of();
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) {}
  }

  /** Writes a file, then fails, when {@link #failSave} is set. */
  static class FailingSave extends Counter {
    boolean failSave;

    @Override
    protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
      if (failSave) {
        try {
          Files.writeString(checkpointDir.resolve("partial.bin"), "half of the state");
        } catch (IOException e) {
          throw new AssertionError(e);
        }
        throw new IllegalStateException("disk full (simulated)");
      }
      return super.saveCheckpoint(checkpointDir);
    }
  }

  static class ReturnsNull extends AbstractTrainable {
    @Override
    protected Map<String, Object> step() {
      return null;
    }
  }

  static class ThrowsInStep extends AbstractTrainable {
    static final IOException FAILURE = new IOException("data file gone");

    @Override
    protected Map<String, Object> step() throws IOException {
      throw FAILURE;
    }
  }

  static class ThrowsInSetup extends AbstractTrainable {
    static final IllegalArgumentException FAILURE =
        new IllegalArgumentException("lr must be positive");

    @Override
    protected void setup(Config config) {
      throw FAILURE;
    }

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  abstract static class Abstract extends AbstractTrainable {}

  static class NoDefaultConstructor extends AbstractTrainable {
    NoDefaultConstructor(int size) {}

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  /** Not static: needs an enclosing instance. */
  class Inner extends AbstractTrainable {
    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  /** Declares its resources the way Tune's default_resource_request does. */
  static class WithResources extends AbstractTrainable {
    public static Resources defaultResourceRequest(Config config) {
      return Resources.of(config.getDouble("cpu", 2), config.getDouble("gpu", 0.5));
    }

    public static String resourceHelp(Config config) {
      return "set cpu and gpu in the config";
    }

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  /** Reports nested metrics and a list, for the result logs. */
  static class Nested extends AbstractTrainable {
    @Override
    protected Map<String, Object> step() {
      long i = iteration() + 1;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("loss", 1.0 / i);
      m.put("eval", Map.of("acc", 0.5 + i / 100.0, "inner", Map.of("f1", (double) i)));
      m.put("tags", List.of("a", "b"));
      return m;
    }
  }

  /** Exports one file per requested format; "broken" is never exported. */
  static class Exporter extends Counter {
    @Override
    protected Map<String, Path> doExportModel(List<String> formats, Path exportDir)
        throws IOException {
      Map<String, Path> out = new LinkedHashMap<>();
      for (String format : formats) {
        if (format.equals("broken")) continue;
        Path file = exportDir.resolve("model." + format);
        Files.writeString(file, format + ":" + w);
        out.put(format, file);
      }
      return out;
    }
  }
}

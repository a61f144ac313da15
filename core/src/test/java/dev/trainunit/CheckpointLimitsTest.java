package dev.trainunit;

import static dev.trainunit.TestTrials.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainunit.logging.ResultLoggers;
import dev.trainunit.storage.TrialStorage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * save() and restore() apply the same limits (those of {@code Json}: nesting depth 200, strings of
 * 64 M characters, numbers of 1000 digits, keys of 50 000 characters, metadata of 16 MB, plain file
 * names): what save() writes, restore() reads back; what restore() would refuse, save() refuses up
 * front naming the key or file. save() used to write checkpoints that restore() then refused.
 */
class CheckpointLimitsTest {

  @TempDir Path tmp;

  static Object nested(int depth) {
    Object v = 1;
    for (int i = 0; i < depth; i++) v = Map.of("d", v);
    return v;
  }

  static final Map<String, Supplier<Object>> VALUES =
      Map.of(
          "nested250", () -> nested(250),
          "string70M", () -> "x".repeat(70 * 1024 * 1024),
          "string17M", () -> "x".repeat(17 * 1024 * 1024),
          "decimal1500", () -> new BigDecimal("1" + "0".repeat(1499)),
          "bytes", () -> new byte[] {1, 2, 3},
          "longKey", () -> Map.of("k".repeat(60_000), 1));

  /** Returns a map holding {@code config.value} under "state". */
  public static class Holder extends AbstractTrainable {
    String value;
    String metric;
    String fileName;
    Map<String, Object> loaded;

    @Override
    protected void setup(Config config) {
      value = config.getString("value", null);
      metric = config.getString("metric", null);
      fileName = config.getString("file", null);
    }

    @Override
    protected Map<String, Object> step() {
      return metric == null
          ? Map.of("loss", 1.0)
          : Map.of("loss", 1.0, "odd", VALUES.get(metric).get());
    }

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) throws IOException {
      if (fileName != null) {
        Files.write(dir.resolve(fileName), new byte[] {1});
        return null;
      }
      return value == null
          ? Map.of("w", 1)
          : Map.of("w", 1, "state", Map.of("inner", VALUES.get(value).get()));
    }

    @Override
    protected void loadCheckpoint(Checkpoint checkpoint) {
      loaded = checkpoint.data().asMap();
    }
  }

  private Holder start(String key, String value) {
    return TrainableFactory.create(
        Holder.class,
        Config.of(Map.of(key, value)),
        TestTrials.trial(tmp).loggerCreator(ResultLoggers.none()).build());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nested250", "string70M", "decimal1500", "bytes", "longKey"})
  void aMapRestoreCouldNotReadBackIsRefusedBySaveNamingTheKey(String value) throws Exception {
    Holder t = start("value", value);
    t.train();

    assertThatThrownBy(t::save)
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("state.inner")
        .hasMessageContaining(value.equals("bytes") ? "Checkpoint.output" : "restore()");
    assertThat(list(t.logdir())).noneMatch(n -> n.startsWith("checkpoint_") || n.startsWith("."));
  }

  /** The map itself is level 1, "state" 2, and the 198 maps of "inner" 3 to exactly 200. */
  public static class AtTheLimit extends Holder {
    static final Map<String, Object> STATE = Map.of("w", 1, "state", Map.of("inner", nested(198)));

    @Override
    protected Map<String, Object> saveCheckpoint(Path dir) {
      return STATE;
    }
  }

  @Test
  void aMapAtTheLimitsIsSavedAndRestored() {
    AtTheLimit t =
        TrainableFactory.create(
            AtTheLimit.class,
            Config.empty(),
            TestTrials.trial(tmp).loggerCreator(ResultLoggers.none()).build());
    t.train();
    Checkpoint c = t.save();
    t.restore(c.path());
    assertThat(t.loaded).isEqualTo(AtTheLimit.STATE);
  }

  /**
   * The last result is a record, kept in a safe form as result.json keeps it: nesting cut at the
   * limit, a value beyond it as "unloggable: why", a key too long cut to its beginning.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nested250", "decimal1500", "string70M", "longKey"})
  void aMetricRestoreCouldNotReadIsKeptInTheLastResultInASafeForm(String metric) {
    Holder t = start("metric", metric);
    t.train();
    Checkpoint c = t.save();

    Checkpoint read =
        new TrialStorage(
                t.logdir(), CheckpointOptions.DEFAULT, Optional.empty(), SyncConfig.DEFAULT)
            .read(c.path());
    assertThat(read.metadata().lastResult()).containsEntry("loss", 1.0);
    String odd = String.valueOf(read.metadata().lastResult().get("odd"));
    if (metric.equals("longKey")) assertThat(odd).endsWith("...=1}");
    else assertThat(odd).contains("unloggable: ");
    t.restore(c.path());
    assertThat(t.iteration()).isEqualTo(1);
  }

  @Test
  void aMetricTooLargeForTheMetadataIsRefusedBySaveNamingIt() {
    Holder t = start("metric", "string17M");
    t.train();

    assertThatThrownBy(t::save)
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("'odd'")
        .hasMessageContaining("16777216");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"w:1.bin", "back\\slash.bin"})
  void aFileNameRestoreWouldRefuseIsRefusedBySaveNamingIt(String name) throws Exception {
    Holder t = start("file", name);
    t.train();

    assertThatThrownBy(t::save)
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("'" + name + "'");
    assertThat(list(tmp.resolve("trial"))).noneMatch(n -> n.startsWith("checkpoint_"));
  }
}

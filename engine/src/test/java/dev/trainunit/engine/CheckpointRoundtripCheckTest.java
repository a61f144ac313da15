package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.EngineTestKitSupport.Outcomes;
import dev.trainunit.engine.fixtures.BrokenRoundtrip;
import dev.trainunit.engine.fixtures.RoundtripFixtures.BrokenPointsOutsideItself;
import dev.trainunit.engine.fixtures.RoundtripFixtures.BrokenSerializedFieldNotRestored;
import dev.trainunit.engine.fixtures.RoundtripFixtures.SaveTimeStamped;
import dev.trainunit.engine.fixtures.RoundtripFixtures.SerializedSizedHashMap;
import dev.trainunit.engine.fixtures.RoundtripFixtures.ZipWithEntryTimes;
import dev.trainunit.engine.fixtures.WekaIncrementalLearner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoint-roundtrip} judges state, not bytes: correct trainables whose formats lay the
 * same state out differently on each save pass every check; each way of losing state, of changing
 * on every save, or of pointing outside the checkpoint fails that check alone, saying which.
 */
class CheckpointRoundtripCheckTest {

  /** How the test kit names the nested fixtures. */
  private static final String IN = "RoundtripFixtures$";

  @TempDir static Path output;

  static Outcomes outcomes;

  @BeforeAll
  static void runFixtures() {
    outcomes =
        EngineTestKitSupport.run(
            output,
            SerializedSizedHashMap.class,
            ZipWithEntryTimes.class,
            BrokenSerializedFieldNotRestored.class,
            SaveTimeStamped.class,
            BrokenPointsOutsideItself.class,
            BrokenRoundtrip.class,
            WekaIncrementalLearner.class);
  }

  @Test
  void wekaIncrementalLearnersCheckpointedWithWekasOwnSerializationPassEveryCheck()
      throws IOException {
    List<Path> saved = checkpointFiles("WekaIncrementalLearner", "learner.model");
    assertThat(saved).isNotEmpty();
    assertThat(outcomes.withStatus("WekaIncrementalLearner", "FAILED")).isEmpty();
    // export-model (no format declared) and fresh-jvm-restore (off in these tests) skip
    assertThat(outcomes.withStatus("WekaIncrementalLearner", "SUCCESSFUL")).hasSize(18);
    // the two configs are two learners, and Weka's serialized classifier brings its own: whether
    // that overrides the config or the key acts only at setup, nothing in the fields can tell
    assertThat(outcomes.withStatus("WekaIncrementalLearner", "ABORTED"))
        .containsExactlyInAnyOrder(
            "WekaIncrementalLearner#pbt-exploit[config 1]",
            "WekaIncrementalLearner#pbt-exploit[config 2]");
    assertThat(outcomes.message("WekaIncrementalLearner#pbt-exploit[config 1]"))
        .contains("continues exactly like config A though fresh runs of the two configs differ")
        .contains("the trainable's fields cannot tell which");
  }

  @Test
  void aJavaSerializedSizedHashMapWhoseBytesChangeOnRestorePassesEveryCheck() throws IOException {
    // The premise: re-saving really gives other bytes (HashMap.readObject rebuilt the table
    // smaller).
    assertResavedBytesDiffer("SerializedSizedHashMap", "model.ser");
    assertThat(outcomes.withStatus(IN + "SerializedSizedHashMap", "FAILED")).isEmpty();
    assertThat(outcomes.status(IN + "SerializedSizedHashMap#checkpoint-roundtrip"))
        .isEqualTo("SUCCESSFUL");
  }

  @Test
  void aZipWhoseEntryTimesDifferBetweenSavesPassesEveryCheck() throws IOException {
    assertResavedBytesDiffer("ZipWithEntryTimes", "model.zip");
    assertThat(outcomes.withStatus(IN + "ZipWithEntryTimes", "FAILED")).isEmpty();
    assertThat(outcomes.status(IN + "ZipWithEntryTimes#checkpoint-roundtrip"))
        .isEqualTo("SUCCESSFUL");
  }

  @Test
  void aSerializedFieldThatIsNeverReadBackIsNamedWithItsPath() {
    failsOnlyCheckpointRoundtrip(IN + "BrokenSerializedFieldNotRestored")
        .contains("model.ser at State.bestLoss")
        .contains("read as Java serialization")
        .contains("Infinity after")
        .contains("A second round trip gives that checkpoint back unchanged")
        .contains("saveCheckpoint writes but loadCheckpoint does not restore");
  }

  /**
   * A correct model may stamp its checkpoint with the time of the save: the check cannot judge it
   * by content and says so, while every other check passes.
   */
  @Test
  void aValueThatChangesOnEverySaveAbortsTheCheckAndFailsNothing() {
    String fixture = IN + "SaveTimeStamped";
    assertThat(outcomes.withStatus(fixture, "FAILED")).isEmpty();
    assertThat(outcomes.status(fixture + "#checkpoint-roundtrip")).isEqualTo("ABORTED");
    assertThat(outcomes.message(fixture + "#checkpoint-roundtrip"))
        .contains("the map saveCheckpoint returned, at map.get(\"saved_at_nanos\")")
        .contains("two saves of the same restored instance")
        .contains("records something of the save itself");
    assertThat(outcomes.withStatus(fixture, "SUCCESSFUL")).isNotEmpty();
  }

  /**
   * The path of its trial directory is all there is of the state: relocation fails it, and
   * checkpoint-roundtrip, which cannot compare two instances' directories by content, leaves it to
   * relocation.
   */
  @Test
  void aCheckpointThatOnlyPointsAtAFileOfItsTrialDirectoryFailsRelocation() {
    String fixture = IN + "BrokenPointsOutsideItself";
    assertThat(outcomes.withStatus(fixture, "FAILED")).containsExactly(fixture + "#relocation");
    assertThat(outcomes.status(fixture + "#checkpoint-roundtrip")).isEqualTo("ABORTED");
    assertThat(outcomes.message(fixture + "#checkpoint-roundtrip"))
        .contains("records the trial directory it was saved in")
        .contains("weights_file")
        .contains("for relocation to judge");
    assertThat(outcomes.message(fixture + "#relocation"))
        .contains("while the trial directory it was saved in")
        .contains("points at files outside itself")
        .contains("NoSuchFileException")
        .containsPattern("names \\S+/weights-5\\.txt \\(in the trial directory it was saved in\\)");
  }

  @Test
  void stateInTheMapThatIsNeverReadBackIsStillCaught() {
    assertThat(outcomes.withStatus("BrokenRoundtrip", "FAILED"))
        .containsExactly("BrokenRoundtrip#checkpoint-roundtrip");
    assertThat(outcomes.message("BrokenRoundtrip#checkpoint-roundtrip"))
        .contains("map.get(\"samples_seen\")")
        .contains("24 before, 0 after")
        .contains("lost at the first restore");
  }

  /**
   * Asserts that {@code fixture} fails checkpoint-roundtrip and no other check; its message is what
   * is left to assert.
   */
  private static AbstractStringAssert<?> failsOnlyCheckpointRoundtrip(String fixture) {
    assertThat(outcomes.withStatus(fixture, "FAILED"))
        .containsExactly(fixture + "#checkpoint-roundtrip");
    return assertThat(outcomes.message(fixture + "#checkpoint-roundtrip"));
  }

  /**
   * The checkpoint files named {@code name} the fixture's checks wrote, in the order of their
   * directories.
   */
  private static List<Path> checkpointFiles(String fixture, String name) throws IOException {
    try (Stream<Path> all = Files.walk(output)) {
      return all.filter(
              p ->
                  p.getFileName().toString().equals(name)
                      && (p.toString().contains("$" + fixture + "/")
                          || p.toString().contains("." + fixture + "/")))
          .sorted()
          .toList();
    }
  }

  /**
   * The premise of a representation-only case: the file saved right after a restore has bytes that
   * none of the reference run's checkpoints has.
   */
  private static void assertResavedBytesDiffer(String fixture, String name) throws IOException {
    List<Path> saved = checkpointFiles(fixture, name);
    Path resaved =
        saved.stream()
            .filter(p -> p.toString().contains("-roundtrip-restored/"))
            .findFirst()
            .orElseThrow();
    List<Path> originals =
        saved.stream().filter(p -> p.toString().contains("-reference/")).toList();
    assertThat(originals).isNotEmpty();
    for (Path original : originals)
      assertThat(Files.readAllBytes(resaved)).isNotEqualTo(Files.readAllBytes(original));
  }
}

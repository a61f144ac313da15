package dev.trainunit;

import static dev.trainunit.WorkingDirectory.RAY_CHDIR_TO_TRIAL_DIR;
import static dev.trainunit.WorkingDirectory.TRAINUNIT_CHDIR_TO_TRIAL_DIR;
import static dev.trainunit.WorkingDirectory.TUNE_ORIG_WORKING_DIR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkingDirectoryTest {

  private String savedProperty;

  @BeforeEach
  void clearProperty() {
    savedProperty = System.clearProperty(TRAINUNIT_CHDIR_TO_TRIAL_DIR);
  }

  @AfterEach
  void restoreProperty() {
    if (savedProperty == null) System.clearProperty(TRAINUNIT_CHDIR_TO_TRIAL_DIR);
    else System.setProperty(TRAINUNIT_CHDIR_TO_TRIAL_DIR, savedProperty);
  }

  @Test
  void trialJvmStartsInTheTrialDirectoryByDefault() {
    assertThat(WorkingDirectory.chdirToTrialDir(Map.of())).isTrue();
    assertThat(WorkingDirectory.chdirToTrialDir(Map.of(RAY_CHDIR_TO_TRIAL_DIR, "1"))).isTrue();
  }

  @Test
  void rayChdirToTrialDirZeroKeepsTheOriginalDirectory() {
    assertThat(WorkingDirectory.chdirToTrialDir(Map.of(RAY_CHDIR_TO_TRIAL_DIR, "0"))).isFalse();
    assertThat(
            WorkingDirectory.chdirToTrialDir(
                Map.of(RAY_CHDIR_TO_TRIAL_DIR, "0", TRAINUNIT_CHDIR_TO_TRIAL_DIR, "true")))
        .as("Ray's switch wins")
        .isFalse();
  }

  @Test
  void trainUnitSwitchAsEnvironmentVariable() {
    assertThat(WorkingDirectory.chdirToTrialDir(Map.of(TRAINUNIT_CHDIR_TO_TRIAL_DIR, "false")))
        .isFalse();
    assertThat(WorkingDirectory.chdirToTrialDir(Map.of(TRAINUNIT_CHDIR_TO_TRIAL_DIR, "FALSE")))
        .isFalse();
    assertThat(WorkingDirectory.chdirToTrialDir(Map.of(TRAINUNIT_CHDIR_TO_TRIAL_DIR, "true")))
        .isTrue();
  }

  @Test
  void trainUnitSwitchAsSystemPropertyUnlessTheEnvironmentSaysOtherwise() {
    System.setProperty(TRAINUNIT_CHDIR_TO_TRIAL_DIR, "false");

    assertThat(WorkingDirectory.chdirToTrialDir(Map.of())).isFalse();
    assertThat(WorkingDirectory.chdirToTrialDir(Map.of(TRAINUNIT_CHDIR_TO_TRIAL_DIR, "true")))
        .isTrue();
  }

  @Test
  void originalWorkingDirectoryComesFromTuneOrigWorkingDirElseUserDir() {
    assertThat(
            WorkingDirectory.originalWorkingDir(Map.of(TUNE_ORIG_WORKING_DIR, "/projects/model")))
        .isEqualTo(Path.of("/projects/model"));
    assertThat(WorkingDirectory.originalWorkingDir(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.dir")));
  }
}

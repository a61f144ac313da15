package dev.trainunit;

import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Ray's working-directory rules, for a trainable that runs in a JVM of its own. Ray changes the
 * process working directory to the trial directory unless {@code RAY_CHDIR_TO_TRIAL_DIR=0}; a JVM
 * cannot change its own working directory, so TrainUnit starts such a JVM in the trial directory
 * instead, and sets {@code TUNE_ORIG_WORKING_DIR} to where it was launched from.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
public final class WorkingDirectory {

  /** Ray's switch; {@code 0} keeps the original working directory. */
  public static final String RAY_CHDIR_TO_TRIAL_DIR = "RAY_CHDIR_TO_TRIAL_DIR";

  /**
   * TrainUnit's equivalent, as an environment variable or system property; {@code false} keeps it.
   */
  public static final String TRAINUNIT_CHDIR_TO_TRIAL_DIR = "trainunit.chdir-to-trial-dir";

  /**
   * Set in a trial's own JVM to the directory the run was launched from (deprecated in Ray, kept
   * for ports).
   */
  public static final String TUNE_ORIG_WORKING_DIR = "TUNE_ORIG_WORKING_DIR";

  private WorkingDirectory() {}

  /** Whether a trial's own JVM should start in its trial directory, given an environment. */
  public static boolean chdirToTrialDir(Map<String, String> environment) {
    if ("0".equals(environment.get(RAY_CHDIR_TO_TRIAL_DIR))) return false;
    String own =
        environment.getOrDefault(
            TRAINUNIT_CHDIR_TO_TRIAL_DIR, System.getProperty(TRAINUNIT_CHDIR_TO_TRIAL_DIR));
    return own == null || !own.equalsIgnoreCase("false");
  }

  /** Where relative paths of the user's project resolve in a trial's own JVM. */
  public static Path originalWorkingDir(Map<String, String> environment) {
    String original = environment.get(TUNE_ORIG_WORKING_DIR);
    return Path.of(original != null ? original : System.getProperty("user.dir"));
  }
}

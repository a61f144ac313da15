package dev.trainunit.benchmarks;

import dev.trainunit.benchmarks.engine.SmallFleet;
import java.nio.file.Path;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state the engine benchmarks share: one Launcher per trial, and a fresh run directory per
 * iteration that is deleted afterwards, outside the timing, so that neither side of a comparison
 * pays for the other's files.
 */
public abstract class LauncherRunDirectories {

  protected Launcher launcher;
  protected Path runDir;
  private Path root;
  private int run;

  /** How many trainables (configs) each run tests: the benchmark's {@code @Param}. */
  protected abstract int trainableCount();

  /** A prefix for the temporary directory, naming the benchmark. */
  protected abstract String directoryPrefix();

  @Setup(Level.Trial)
  public void createLauncher() {
    launcher = LauncherFactory.create();
    root = BenchmarkTrials.newTempDir(directoryPrefix());
  }

  @Setup(Level.Iteration)
  public void newRunDirectory() {
    runDir = root.resolve("run-" + (++run));
    SmallFleet.configure(trainableCount(), runDir.resolve("jupiter"));
  }

  @TearDown(Level.Iteration)
  public void deleteRunDirectory() {
    BenchmarkTrials.deleteRecursively(runDir);
  }

  @TearDown(Level.Trial)
  public void deleteRoot() {
    BenchmarkTrials.deleteRecursively(root);
  }
}

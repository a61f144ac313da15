package dev.trainunit.engine.run;

import dev.trainunit.Checkpoint;
import dev.trainunit.Result;
import dev.trainunit.engine.config.TrainableDeclaration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Makes the {@link ReferenceRun} of one subject. */
final class ReferenceRecorder {

  private final TrainableDeclaration declaration;
  private final Function<String, TrainableDriver> start;
  private final Function<String, Path> newDirectory;

  /**
   * @param start starts an instance of the subject in a new trial directory named after its label
   * @param newDirectory a new, empty directory named after its label
   */
  ReferenceRecorder(
      TrainableDeclaration declaration,
      Function<String, TrainableDriver> start,
      Function<String, Path> newDirectory) {
    this.declaration = declaration;
    this.start = start;
    this.newDirectory = newDirectory;
  }

  ReferenceRun record() {
    try {
      return record(true);
    } catch (SaveFailed e) {
      // A broken saveCheckpoint fails the checks that need a checkpoint, not every comparison:
      // the run is made again without saves, and the failure kept for those checks.
      ReferenceRun withoutSaves = record(false);
      return new ReferenceRun(
          withoutSaves.results(),
          withoutSaves.comparable(),
          withoutSaves.logdir(),
          withoutSaves.checkpoints(),
          Optional.of(e.cause),
          withoutSaves.end(),
          withoutSaves.export());
    }
  }

  private ReferenceRun record(boolean save) {
    TrainableDriver driver = start.apply(save ? "reference" : "reference-without-saves");
    List<Result> results = new ArrayList<>();
    SortedMap<Integer, Checkpoint> checkpoints = new TreeMap<>();
    List<Integer> ks = ReferenceRun.checkpointIterations(declaration.iterations());
    Optional<ExportAttempt> export;
    try {
      for (int i = 1; i <= declaration.iterations(); i++) {
        Result r = driver.train();
        results.add(r);
        if (r.isDone()) break;
        if (save && ks.contains(i)) checkpoints.put(i, save(driver));
      }
      export =
          declaration.exportFormats().isEmpty()
              ? Optional.empty()
              : Optional.of(export(driver, results.size()));
    } catch (RuntimeException | Error e) {
      driver.stopQuietly().ifPresent(e::addSuppressed);
      throw e;
    }
    LifecycleEnd end = LifecycleEnd.of(driver);
    driver.stopQuietly();
    return new ReferenceRun(
        results,
        Metrics.comparable(results, declaration.ignoredMetrics()),
        driver.logdir(),
        checkpoints,
        Optional.empty(),
        end,
        export);
  }

  private static Checkpoint save(TrainableDriver driver) {
    try {
      return driver.save();
    } catch (RuntimeException e) {
      driver.stopQuietly().ifPresent(e::addSuppressed);
      throw new SaveFailed(e);
    }
  }

  private ExportAttempt export(TrainableDriver driver, int trained) {
    Path dir = newDirectory.apply("export-dir");
    try {
      return new ExportAttempt(
          dir, driver.exportModel(declaration.exportFormats(), dir), Optional.empty(), trained);
    } catch (RuntimeException e) {
      return new ExportAttempt(dir, Map.of(), Optional.of(e), trained);
    }
  }

  /** A save of the reference run threw; it is caught by {@link #record()}. */
  private static final class SaveFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RuntimeException cause;

    SaveFailed(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }
}

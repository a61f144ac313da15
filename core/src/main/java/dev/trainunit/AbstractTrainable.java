package dev.trainunit;

import dev.trainunit.logging.LoggerCreator;
import dev.trainunit.storage.TrialStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model that trains one iteration at a time and can be checkpointed, restored and reset: the
 * Java form of Ray Tune's {@code Trainable}.
 *
 * <p>Implement {@link #step()} and, for checkpointing, {@link #saveCheckpoint(Path)} and
 * {@link #loadCheckpoint(Checkpoint)}; override {@link #setup(Config)}, {@link
 * #resetConfig(Config)}, {@link #cleanup()}, {@link #logResult(Result)} and {@link
 * #exportModel(List, Path)} hook {@link #doExportModel(List, Path)} when you need them. The
 * framework drives the hooks through the final methods {@link #train()}, {@link #save()}, {@link
 * #restore(Path)}, {@link #reset(Config)} and {@link #stop()}.
 *
 * <pre>{@code
 * public class LinearModel extends AbstractTrainable {
 *   private double w;
 *   private double lr;
 *
 *   protected void setup(Config config) { lr = config.getDouble("lr", 0.1); }
 *
 *   protected Map<String, Object> step() {
 *     w -= lr * (w - 3.0);                     // one iteration of training
 *     return Map.of("loss", (w - 3.0) * (w - 3.0));
 *   }
 *
 *   protected Map<String, Object> saveCheckpoint(Path dir) { return Map.of("w", w); }
 *
 *   protected void loadCheckpoint(Checkpoint checkpoint) { w = checkpoint.data().getDouble("w"); }
 * }
 * }</pre>
 *
 * <p>Instances are built by {@link TrainableFactory#create(Class, Config, Trial)}, never by
 * calling a constructor yourself: a subclass needs a no-argument constructor, which must not
 * rely on the config (it is given to {@link #setup(Config)}). {@link #logdir()}, {@link
 * #trialId()}, {@link #trialName()} and {@link #getConfig()} work from {@code setup} on.
 *
 * <p>One instance is driven by one thread at a time; it is not thread-safe.
 */
public abstract class AbstractTrainable {

  private Trial trial;
  private Config config;
  private TrialResultLogs logs;
  private TrialStorage storage;

  private TrainingCounters counters = TrainingCounters.START;
  /** Known once at start, so that train() skips the logResult call when it would do nothing. */
  private boolean logResultOverridden;
  private Result lastResult;
  private boolean stopped;

  /** For subclasses; the framework builds instances through {@link TrainableFactory}. */
  protected AbstractTrainable() {}

  // ---------------------------------------------------------------- hooks: what a model author writes

  /**
   * Initialises the model for {@code config}: called once, before the first {@code step()}, as
   * Tune's {@code setup}. The trial directory exists by now.
   */
  protected void setup(Config config) throws Exception {}

  /**
   * Runs one logical iteration of training and returns its metrics: numbers, strings, booleans,
   * lists and maps, for example {@code Map.of("loss", loss, "accuracy", acc)}. Put
   * {@code "done", true} in the map to end the run. Never return null; return an empty map when
   * there is nothing to report.
   *
   * <p>During {@code step()}, {@link #iteration()} is the number of iterations completed before it.
   */
  protected abstract Map<String, Object> step() throws Exception;

  /**
   * Saves every bit of training state: weights, optimizer state (momentum, Adam moments), RNG
   * state, data-loader position, schedules. Either write files into {@code checkpointDir} and
   * return null, or return a map that the framework stores for you (as JSON) and gives back as
   * {@link Checkpoint#data()}. State left out here is the usual reason a resumed run diverges.
   *
   * <p>The default refuses: a trainable that cannot checkpoint cannot be resumed.
   */
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws Exception {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not override saveCheckpoint(Path), so it cannot be checkpointed");
  }

  /**
   * Restores the state {@link #saveCheckpoint(Path)} saved, replacing (not adding to) the current
   * state: it may be called on a fresh instance or on one that has already trained.
   */
  protected void loadCheckpoint(Checkpoint checkpoint) throws Exception {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not override loadCheckpoint(Checkpoint), so it cannot be restored");
  }

  /**
   * Switches this instance to {@code newConfig} without rebuilding it, as Tune's
   * {@code reset_config} (population-based training reuses actors this way). Return true only
   * when the instance now behaves exactly like a fresh one built with {@code newConfig}: every
   * weight, optimizer moment and RNG re-initialised. Return false (the default) to have the
   * framework build a fresh instance instead.
   */
  protected boolean resetConfig(Config newConfig) throws Exception {
    return false;
  }

  /** Releases what the trainable holds (threads, files, native memory): called once by {@link #stop()}. */
  protected void cleanup() throws Exception {}

  /**
   * Records one result, as Tune's {@code log_result}; the default hands it to the trial's
   * result loggers ({@code result.json}, {@code progress.csv}). Override to log elsewhere as well,
   * and call {@code super.logResult(result)} to keep the files.
   */
  protected void logResult(Result result) throws Exception {
    if (logs != null) logs.write(result);
  }

  /**
   * Exports the model in each requested format under {@code exportDir} and returns the file or
   * directory written per format, as Tune's {@code _export_model}. The default exports nothing.
   */
  protected Map<String, Path> doExportModel(List<String> exportFormats, Path exportDir) throws Exception {
    return Map.of();
  }

  // ---------------------------------------------------------------- framework side

  /**
   * Called by {@link TrainableFactory} right after construction: binds the trial, opens the result
   * loggers and runs {@link #setup(Config)}.
   */
  final void start(Config config, Trial trial) {
    this.config = Objects.requireNonNull(config, "config");
    this.trial = Objects.requireNonNull(trial, "trial");
    try {
      Files.createDirectories(trial.logdir());
    } catch (IOException e) {
      throw new TrainableException("cannot create trial directory " + trial.logdir() + " for " + getClass().getName(), e);
    }
    this.storage = new TrialStorage(trial.logdir(), trial.checkpointOptions(), trial.remoteDir(), trial.syncConfig());
    this.logResultOverridden = overridesInHierarchy();
    this.logs = TrialResultLogs.open(trial.loggerCreator(), config, trial.logdir());
    try {
      setup(config);
    } catch (Throwable t) {
      logs.closeAfter(t);
      throw hookFailure("setup", null, t);
    }
  }

  /**
   * Runs one iteration: times {@link #step()}, advances the counters and returns the step's
   * metrics with the auto-filled ones, as Tune's {@code train()}.
   *
   * @throws HookException when {@code step()} throws, naming the iteration
   * @throws TrainableException when {@code step()} returns null
   * @throws IllegalStateException after {@link #stop()}
   */
  public final Result train() {
    requireRunning("train");
    long start = System.nanoTime();
    Map<String, Object> metrics;
    try {
      metrics = step();
    } catch (Throwable t) {
      throw hookFailure("step", "iteration " + (counters.iteration() + 1), t);
    }
    long elapsed = System.nanoTime() - start;
    if (metrics == null) {
      throw new TrainableException(getClass().getName() + ".step() returned null at iteration " + (counters.iteration() + 1)
          + "; return a map of metrics (an empty map when there is nothing to report)");
    }
    return record(metrics, elapsed);
  }

  private Result record(Map<String, Object> metrics, long elapsedNanos) {
    Object reportedTime = metrics.get(Result.TIME_THIS_ITER_S);
    double timeThisIter = reportedTime instanceof Number n ? n.doubleValue() : elapsedNanos / 1e9;
    counters = counters.after(timeThisIter, metrics);
    Result result = snapshot(metrics, timeThisIter, System.currentTimeMillis());
    lastResult = result;
    if (logs.isOpen() || logResultOverridden) {
      try {
        logResult(result);
      } catch (Throwable t) {
        throw hookFailure("logResult", "iteration " + counters.iteration(), t);
      }
    }
    if (storage.resultSyncDue()) {
      logs.flush();
      storage.syncResults();
    }
    return result;
  }

  private Result snapshot(Map<String, Object> metrics, double timeThisIter, long epochMillis) {
    return new Result(metrics, counters, timeThisIter, epochMillis, config, trial.id());
  }

  private boolean overridesInHierarchy() {
    // A subclass that logs elsewhere must see every result even when the trial has no loggers.
    for (Class<?> c = getClass(); c != AbstractTrainable.class; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod("logResult", Result.class);
        return true;
      } catch (NoSuchMethodException ignored) {
        // keep looking in the superclass
      }
    }
    return false;
  }

  /**
   * Calls {@link #train()} until {@code bufferTime} is spent, and returns every result, as Tune's
   * {@code train_buffered}. Always returns at least one result; stops early after a result that
   * is {@code done} or asks for a checkpoint ({@code should_checkpoint}), or after
   * {@code maxBufferLength} results.
   */
  public final List<Result> trainBuffered(Duration bufferTime, int maxBufferLength) {
    Objects.requireNonNull(bufferTime, "bufferTime");
    if (maxBufferLength < 1) {
      throw new IllegalArgumentException("maxBufferLength must be at least 1, was " + maxBufferLength);
    }
    long deadline = System.nanoTime() + bufferTime.toNanos();
    List<Result> results = new ArrayList<>();
    while (true) {
      Result result = train();
      results.add(result);
      if (result.isDone() || result.shouldCheckpoint() || results.size() >= maxBufferLength
          || System.nanoTime() - deadline >= 0) {
        return results;
      }
    }
  }

  /** {@link #trainBuffered(Duration, int)} with Tune's default cap of 1000 results. */
  public final List<Result> trainBuffered(Duration bufferTime) {
    return trainBuffered(bufferTime, 1000);
  }

  /**
   * Saves the current state as the trial's next checkpoint, {@code checkpoint_<6-digit index>}
   * under {@link #logdir()}, and uploads it when the trial syncs on checkpoint.
   */
  public final Checkpoint save() {
    requireRunning("save");
    return save(storage.nextCheckpointDir(), false);
  }

  /**
   * Saves the current state as a checkpoint at exactly {@code checkpointDir}, which must not exist
   * yet, as Tune's {@code save(checkpoint_dir, prevent_upload)}.
   */
  public final Checkpoint save(Path checkpointDir, boolean preventUpload) {
    requireRunning("save");
    logs.flush();
    CheckpointMetadata metadata = counters.toMetadata(lastResult);
    return storage.save(checkpointDir, metadata, dir -> {
      try {
        return saveCheckpoint(dir);
      } catch (Throwable t) {
        throw hookFailure("saveCheckpoint", "iteration " + metadata.iteration(), t);
      }
    }, !preventUpload);
  }

  /**
   * Restores the state of a checkpoint written by {@link #save()}, as Tune's {@code restore}: the
   * counters take the checkpoint's values, the since-restore counters start again from zero, and
   * {@link #loadCheckpoint(Checkpoint)} is called. A checkpoint whose local copy is gone is fetched
   * from the trial's remote storage first.
   *
   * @throws CheckpointException when the checkpoint is missing, damaged, tampered with, or names
   *     files outside its directory; the message names the path and the problem
   */
  public final void restore(Path checkpointPath) {
    requireRunning("restore");
    restore(storage.read(checkpointPath));
  }

  /**
   * As {@link #restore(Path)}; when {@code fallbackToLatest} is true and {@code checkpointPath}
   * cannot be restored, the newest intact checkpoint in the same directory is used instead, as
   * Tune's {@code fallback_to_latest}.
   */
  public final void restore(Path checkpointPath, boolean fallbackToLatest) {
    requireRunning("restore");
    restore(fallbackToLatest ? storage.readOrLatest(checkpointPath) : storage.read(checkpointPath));
  }

  /** Restores a checkpoint already read, for example one returned by {@link #save()}. */
  public final void restore(Checkpoint checkpoint) {
    requireRunning("restore");
    counters = TrainingCounters.restoredFrom(checkpoint.metadata());
    lastResult = null;
    try {
      loadCheckpoint(checkpoint);
    } catch (Throwable t) {
      throw hookFailure("loadCheckpoint", checkpoint.path().toString(), t);
    }
  }

  /**
   * Switches this instance to {@code newConfig}, as Tune's {@code reset}: calls
   * {@link #resetConfig(Config)}, and when it returns true, zeroes every counter and restarts the
   * result logs with the new config.
   *
   * @return what {@code resetConfig} returned: false means this instance cannot be reused and the
   *     caller must build a fresh one
   */
  public final boolean reset(Config newConfig) {
    requireRunning("reset");
    return reset(newConfig, logs.creator());
  }

  /**
   * As {@link #reset(Config)}, with the result logs of the reused instance made by
   * {@code loggerCreator} from now on, as Tune's {@code reset(new_config, logger_creator)}.
   */
  public final boolean reset(Config newConfig, LoggerCreator loggerCreator) {
    requireRunning("reset");
    Objects.requireNonNull(newConfig, "newConfig");
    Objects.requireNonNull(loggerCreator, "loggerCreator");
    boolean reset;
    try {
      reset = resetConfig(newConfig);
    } catch (Throwable t) {
      throw hookFailure("resetConfig", null, t);
    }
    if (!reset) return false;
    config = newConfig;
    counters = TrainingCounters.START;
    lastResult = null;
    logs.restart(newConfig, loggerCreator);
    return true;
  }

  /**
   * Ends the trial, as Tune's {@code stop}: flushes and closes the result logs, syncs the trial
   * directory to remote storage, and calls {@link #cleanup()} once. Any later call of a framework
   * method, {@code stop()} included, is refused.
   */
  public final void stop() {
    requireRunning("stop");
    stopped = true;
    Throwable failure = null;
    try {
      logs.close();
      storage.syncResults();
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      cleanup();
    } catch (Throwable t) {
      HookException hook = hookFailure("cleanup", null, t);
      if (failure != null) hook.addSuppressed(failure);
      throw hook;
    }
    if (failure instanceof RuntimeException e) throw e;
  }

  /**
   * Exports the model in each format under {@code exportDir}, as Tune's {@code export_model}.
   *
   * @return the file or directory written per format
   * @throws TrainableException when {@link #doExportModel(List, Path)} does not export a requested
   *     format
   */
  public final Map<String, Path> exportModel(List<String> exportFormats, Path exportDir) {
    requireRunning("exportModel");
    try {
      Files.createDirectories(exportDir);
    } catch (IOException e) {
      throw new TrainableException("cannot create export directory " + exportDir, e);
    }
    Map<String, Path> exported;
    try {
      exported = doExportModel(List.copyOf(exportFormats), exportDir);
    } catch (Throwable t) {
      throw hookFailure("exportModel", "formats " + exportFormats, t);
    }
    List<String> missing = new ArrayList<>(exportFormats);
    if (exported != null) missing.removeAll(exported.keySet());
    if (!missing.isEmpty()) {
      throw new TrainableException(getClass().getName() + ".doExportModel() did not export the formats " + missing
          + " (it returned " + exported + ")");
    }
    return Map.copyOf(exported);
  }

  /** {@link #exportModel(List, Path)} into {@link #logdir()}, as Tune's default export directory. */
  public final Map<String, Path> exportModel(List<String> exportFormats) {
    return exportModel(exportFormats, logdir());
  }

  /**
   * Deletes the local copy of a checkpoint, as Tune's {@code delete_checkpoint}: it disappears in
   * one step, never half-deleted. Refuses a directory that is not a checkpoint, and a symbolic
   * link, so a wrong path cannot delete anything else.
   */
  public final void deleteCheckpoint(Path checkpointPath) {
    TrialStorage.delete(checkpointPath);
  }

  /**
   * The metrics the framework fills in for a result produced at {@code now}, as Tune's
   * {@code get_auto_filled_metrics}.
   *
   * @param timeThisIterS the iteration's duration, or null for 0
   * @param debugMetricsOnly only the metrics Tune marks as debug metrics ({@code trial_id},
   *     {@code date}, {@code timestamp}, {@code pid}, {@code hostname}, {@code node_ip}, {@code config})
   */
  public final Map<String, Object> getAutoFilledMetrics(Instant now, Double timeThisIterS, boolean debugMetricsOnly) {
    trial(); // refuses an instance that was not built by TrainableFactory, with the usual message
    Result snapshot = snapshot(Map.of(), timeThisIterS == null ? 0 : timeThisIterS, now.toEpochMilli());
    Map<String, Object> metrics = new LinkedHashMap<>();
    snapshot.visitAutoFilled(metrics::put, debugMetricsOnly);
    return metrics;
  }

  /** Iterations completed so far (Tune's {@code iteration}); during {@code step()}, those before it. */
  public final long iteration() {
    return counters.iteration();
  }

  /** The same as {@link #iteration()}, as Tune's {@code training_iteration}. */
  public final long trainingIteration() {
    return counters.iteration();
  }

  /** Iterations completed since the last restore (or since the start). */
  public final long iterationsSinceRestore() {
    return counters.iterationsSinceRestore();
  }

  /**
   * The trial directory: results, checkpoints and whatever the model writes go here. The JVM cannot
   * change its working directory as Ray does, so resolve relative paths against this one.
   */
  public final Path logdir() {
    return trial().logdir();
  }

  public final String trialId() {
    return trial().id();
  }

  public final String trialName() {
    return trial().name();
  }

  /** The resources assigned to this trial, as Tune's {@code trial_resources}. */
  public final Resources trialResources() {
    return trial().resources();
  }

  /** The current config: the one given to {@code setup}, or to the last successful {@code reset}. */
  public final Config getConfig() {
    if (config == null) throw notStarted("getConfig");
    return config;
  }

  /** Whether {@link #stop()} has been called. */
  public final boolean isStopped() {
    return stopped;
  }

  private Trial trial() {
    if (trial == null) throw notStarted("the trial");
    return trial;
  }

  private IllegalStateException notStarted(String what) {
    return new IllegalStateException(getClass().getName() + ": " + what
        + " is not available in the constructor; use it from setup() on (instances are built by TrainableFactory)");
  }

  private void requireRunning(String method) {
    if (trial == null) {
      throw new IllegalStateException(getClass().getName() + "." + method
          + "() called on an instance that was not built by TrainableFactory.create");
    }
    if (stopped) {
      throw new IllegalStateException(getClass().getName() + "." + method
          + "() called after stop(); a stopped trainable cannot be used again, build a new one");
    }
  }

  private HookException hookFailure(String hook, String context, Throwable t) {
    if (t instanceof HookException h && h.trainableClass().equals(getClass().getName())) return h;
    if (t instanceof InterruptedException) Thread.currentThread().interrupt();
    return new HookException(getClass(), hook, context, t);
  }
}

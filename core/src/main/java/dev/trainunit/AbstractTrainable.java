package dev.trainunit;

import static java.util.Objects.requireNonNull;

import dev.trainunit.logging.LoggerCreator;
import dev.trainunit.storage.TrialStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A model that trains one iteration at a time and can be checkpointed, restored and reset: the Java
 * form of Ray Tune's {@code Trainable}.
 *
 * <p>Implement {@link #step()} and, for checkpointing, {@link #saveCheckpoint(Path)} and {@link
 * #loadCheckpoint(Checkpoint)}; override the other hooks when you need them. The framework drives
 * the hooks through the final methods {@link #train()}, {@link #save()}, {@link #restore(Path)},
 * {@link #reset(Config)} and {@link #stop()}.
 *
 * <pre>{@code
 * public class LinearModel extends AbstractTrainable {
 *   private double w, lr;
 *
 *   protected void setup(Config config) { lr = config.getDouble("lr", 0.1); }
 *
 *   protected Map<String, Object> step() {
 *     w -= lr * (w - 3.0);                     // one iteration of training
 *     return Map.of("loss", (w - 3.0) * (w - 3.0));
 *   }
 *
 *   protected Map<String, Object> saveCheckpoint(Path dir) { return Map.of("w", w); }
 *   protected void loadCheckpoint(Checkpoint checkpoint) { w = checkpoint.data().getDouble("w"); }
 * }
 * }</pre>
 *
 * <p>Instances are built by {@link TrainableFactory#create(Class, Config, Trial)}, never by calling
 * a constructor yourself: a subclass needs a no-argument constructor, which must not rely on the
 * config (it is given to {@link #setup(Config)}). {@link #logdir()}, {@link #trialId()}, {@link
 * #trialName()} and {@link #getConfig()} work from {@code setup} on. One instance is driven by one
 * thread at a time; it is not thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public abstract class AbstractTrainable {

  private final Lifecycle lifecycle = new Lifecycle(getClass());
  private Config config;
  private final TrainableHooks hooks = new TrainableHooks(this);
  private TrialResultLogs logs;
  private TrialStorage storage;
  private TrainingCounters counters = TrainingCounters.START;
  private Result lastResult;

  /** For subclasses; the framework builds instances through {@link TrainableFactory}. */
  protected AbstractTrainable() {}

  // ------------------------------------------------ hooks: what a model author writes

  /**
   * Initialises the model for {@code config}: called once, before the first {@code step()}, as
   * Tune's {@code setup}. The trial directory exists by now.
   */
  protected void setup(Config config) throws Exception {}

  /**
   * Runs one logical iteration of training and returns its metrics: numbers, strings, booleans,
   * lists and maps, for example {@code Map.of("loss", loss, "accuracy", acc)}. Put {@code "done",
   * true} in the map to end the run. Never return null: an empty map reports nothing. During {@code
   * step()}, {@link #iteration()} is the number of iterations completed before it.
   */
  protected abstract Map<String, Object> step() throws Exception;

  /**
   * Saves every bit of training state: weights, optimizer state (momentum, Adam moments), RNG
   * state, data-loader position, schedules. Either write files into {@code checkpointDir} (with
   * {@link Checkpoint#output(Path, String)}) and return null, or return a map that is stored for
   * you (as JSON) and given back as {@link Checkpoint#data()}. State left out here is the usual
   * reason a resumed run diverges. The default refuses: a trainable that cannot checkpoint cannot
   * be resumed.
   */
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws Exception {
    throw hooks.notOverridden("saveCheckpoint(Path)", "checkpointed");
  }

  /**
   * Restores the state {@link #saveCheckpoint(Path)} saved, replacing (not adding to) the current
   * state: it may be called on a fresh instance or on one that has already trained.
   */
  protected void loadCheckpoint(Checkpoint checkpoint) throws Exception {
    throw hooks.notOverridden("loadCheckpoint(Checkpoint)", "restored");
  }

  /**
   * Switches this instance to {@code newConfig} without rebuilding it, as Tune's {@code
   * reset_config} (population-based training reuses actors this way). Return true only when the
   * instance now behaves exactly like a fresh one built with {@code newConfig}: every weight,
   * optimizer moment and RNG re-initialised. Return false (the default) to get a fresh instance.
   */
  protected boolean resetConfig(Config newConfig) throws Exception {
    return false;
  }

  /**
   * Releases what the trainable holds (threads, files, native memory): called once by {@link
   * #stop()}.
   */
  protected void cleanup() throws Exception {}

  /**
   * Records one result, as Tune's {@code log_result}; the default hands it to the trial's result
   * logs ({@code result.json}, {@code progress.csv}). Override it to log elsewhere as well, calling
   * {@code super.logResult(result)} to keep the files.
   */
  protected void logResult(Result result) throws Exception {
    if (logs != null) logs.write(result);
  }

  /**
   * Exports the model in each requested format under {@code exportDir} and returns the file or
   * directory written per format, as Tune's {@code _export_model}. The default exports nothing.
   */
  protected Map<String, Path> doExportModel(List<String> exportFormats, Path exportDir)
      throws Exception {
    return Map.of();
  }

  // ------------------------------------------------ framework side

  /** Called by {@link TrainableFactory} once the trial directory exists: binds it, runs setup. */
  final void start(Config config, Trial trial) {
    this.config = requireNonNull(config, "config");
    lifecycle.start(trial);
    storage = trial.storage();
    logs = TrialResultLogs.open(trial.loggerCreator(), config, trial.logdir());
    hooks.setup(config, logs::closeAfter);
  }

  /**
   * Runs one iteration, as Tune's {@code train()}: times {@link #step()}, advances the counters,
   * logs the result and returns it, the step's metrics with the auto-filled ones.
   *
   * @throws HookException when {@code step()} throws, naming the iteration
   * @throws TrainableException when {@code step()} returns null
   */
  public final Result train() {
    lifecycle.requireRunning("train");
    long start = System.nanoTime();
    Map<String, Object> metrics = hooks.step(counters.iteration() + 1);
    long elapsed = System.nanoTime() - start;
    double timeThisIter =
        metrics.get(Result.TIME_THIS_ITER_S) instanceof Number n ? n.doubleValue() : elapsed / 1e9;
    counters = counters.after(timeThisIter, metrics);
    lastResult = result(metrics, timeThisIter, System.currentTimeMillis());
    if (logs.isOpen() || hooks.logResultOverridden())
      hooks.logResult(lastResult, counters.iteration());
    storage.syncResultsIfDue(logs::flush);
    return lastResult;
  }

  private Result result(Map<String, Object> metrics, double timeThisIter, long epochMillis) {
    return new Result(metrics, counters, timeThisIter, epochMillis, config, lifecycle.trial().id());
  }

  /**
   * Calls {@link #train()} until {@code bufferTime} is spent and returns every result, as Tune's
   * {@code train_buffered}: at least one, stopping early after a result that is {@code done} or
   * asks for a checkpoint ({@code should_checkpoint}), or after {@code maxBufferLength} results.
   */
  public final List<Result> trainBuffered(Duration bufferTime, int maxBufferLength) {
    return TrainBuffer.collect(this::train, bufferTime, maxBufferLength);
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
    lifecycle.requireRunning("save");
    return saveTo(Optional.empty(), true);
  }

  /**
   * Saves the current state as a checkpoint at exactly {@code checkpointDir}, which must not exist
   * yet, as Tune's {@code save(checkpoint_dir, prevent_upload)}.
   */
  public final Checkpoint save(Path checkpointDir, boolean preventUpload) {
    lifecycle.requireRunning("save");
    return saveTo(Optional.of(requireNonNull(checkpointDir, "checkpointDir")), !preventUpload);
  }

  private Checkpoint saveTo(Optional<Path> checkpointDir, boolean upload) {
    logs.flush();
    CheckpointMetadata metadata = counters.toMetadata(lastResult);
    return storage.save(
        checkpointDir, metadata, d -> hooks.saveCheckpoint(d, metadata.iteration()), upload);
  }

  /**
   * Restores a checkpoint written by {@link #save()}, as Tune's {@code restore}: the counters take
   * its values, the since-restore counters start from zero, and {@link #loadCheckpoint(Checkpoint)}
   * is called. A checkpoint whose local copy is gone is fetched from remote storage first.
   *
   * @throws CheckpointException when the checkpoint is missing, damaged, tampered with, or names
   *     files outside its directory; the message names the path and the problem
   */
  public final void restore(Path checkpointPath) {
    restore(checkpointPath, false);
  }

  /**
   * As {@link #restore(Path)}; with {@code fallbackToLatest}, a checkpoint that cannot be restored
   * gives way to the newest intact one in the same directory, as Tune's {@code fallback_to_latest}.
   */
  public final void restore(Path checkpointPath, boolean fallbackToLatest) {
    lifecycle.requireRunning("restore");
    if (fallbackToLatest) storage.restoreOrLatest(checkpointPath, this::restore);
    else restore(storage.read(checkpointPath));
  }

  /** Restores a checkpoint already read, for example one returned by {@link #save()}. */
  public final void restore(Checkpoint checkpoint) {
    lifecycle.requireRunning("restore");
    counters = TrainingCounters.restoredFrom(checkpoint.metadata());
    lastResult = null;
    hooks.loadCheckpoint(checkpoint);
  }

  /**
   * Switches this instance to {@code newConfig}, as Tune's {@code reset}: calls {@link
   * #resetConfig(Config)}, and when it returns true, zeroes every counter and restarts the result
   * logs with the new config. False means this instance cannot be reused: build a fresh one.
   */
  public final boolean reset(Config newConfig) {
    lifecycle.requireRunning("reset");
    return reset(newConfig, logs.creator());
  }

  /**
   * As {@link #reset(Config)}, with the result logs of the reused instance made by {@code
   * loggerCreator} from now on, as Tune's {@code reset(new_config, logger_creator)}.
   */
  public final boolean reset(Config newConfig, LoggerCreator loggerCreator) {
    lifecycle.requireRunning("reset");
    // The new logs open before resetConfig changes the instance: never half reset.
    if (!logs.restart(newConfig, loggerCreator, () -> hooks.resetConfig(newConfig))) return false;
    config = newConfig;
    counters = TrainingCounters.START;
    lastResult = null;
    return true;
  }

  /**
   * Ends the trial, as Tune's {@code stop}: closes the result logs, syncs the trial directory to
   * remote storage, and calls {@link #cleanup()} once. Every framework method is refused after it.
   */
  public final void stop() {
    lifecycle.stop();
    hooks.cleanupAfter(logs::close, storage::finalSync);
  }

  /**
   * Exports the model in each format under {@code exportDir}, as Tune's {@code export_model}, and
   * returns the file or directory written per format.
   *
   * @throws TrainableException when {@link #doExportModel(List, Path)} leaves a format out
   */
  public final Map<String, Path> exportModel(List<String> exportFormats, Path exportDir) {
    lifecycle.requireRunning("exportModel");
    return hooks.exportModel(exportFormats, exportDir);
  }

  /** {@link #exportModel(List, Path)} into {@link #logdir()}, Tune's default export directory. */
  public final Map<String, Path> exportModel(List<String> exportFormats) {
    return exportModel(exportFormats, logdir());
  }

  /**
   * Deletes the local copy of a checkpoint in one step, never half-deleted, as Tune's {@code
   * delete_checkpoint}. Refuses a directory that is not a checkpoint, and a symbolic link.
   */
  public final void deleteCheckpoint(Path checkpointPath) {
    TrialStorage.delete(checkpointPath);
  }

  /**
   * The metrics the framework fills in for a result produced at {@code now} ({@code timeThisIterS}
   * null for 0), as Tune's {@code get_auto_filled_metrics}; with {@code debugMetricsOnly}, only
   * trial_id, date, timestamp, pid, hostname, node_ip and config.
   */
  public final Map<String, Object> getAutoFilledMetrics(
      Instant now, Double timeThisIterS, boolean debugMetricsOnly) {
    return result(Map.of(), timeThisIterS == null ? 0 : timeThisIterS, now.toEpochMilli())
        .autoFilledMetrics(debugMetricsOnly);
  }

  /** Iterations completed so far (Tune's {@code iteration}); in {@code step()}, those before it. */
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
    return lifecycle.trial().logdir();
  }

  public final String trialId() {
    return lifecycle.trial().id();
  }

  public final String trialName() {
    return lifecycle.trial().name();
  }

  /** The resources assigned to this trial, as Tune's {@code trial_resources}. */
  public final Resources trialResources() {
    return lifecycle.trial().resources();
  }

  /** The config given to {@code setup}, or to the last successful {@code reset}. */
  public final Config getConfig() {
    if (config == null) throw lifecycle.notStarted("getConfig");
    return config;
  }

  /** Whether {@link #stop()} has been called. */
  public final boolean isStopped() {
    return lifecycle.isStopped();
  }
}

package dev.trainunit.engine.run;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Drives one trainable instance, every call on its {@link HookThread} with a time limit, and counts
 * its steps.
 *
 * <p>It also records, for the whole JVM, which trainable classes have been through a whole
 * lifecycle (setup, at least one train, stop): native libraries start their process-wide threads
 * once, on first use, in the thread group of whoever uses them first, and the cleanup check needs
 * to know whether that first use is still to come.
 */
@API(status = API.Status.INTERNAL)
public final class TrainableDriver implements AutoCloseable {

  /** Classes an instance of which went through setup, train and stop in this JVM. */
  private static final Set<Class<?>> COMPLETED_LIFECYCLES = ConcurrentHashMap.newKeySet();

  private final Class<? extends AbstractTrainable> type;
  private final String name;
  private final Trial trial;
  private final Duration timeout;
  private final HookThread hooks;
  private final StepTally tally;
  private AbstractTrainable trainable;
  private boolean trained;

  private TrainableDriver(
      Class<? extends AbstractTrainable> type, Trial trial, Duration timeout, StepTally tally) {
    this.type = type;
    this.tally = tally;
    this.name = type.getName();
    this.trial = trial;
    this.timeout = timeout;
    this.hooks = new HookThread(name, "trainunit-" + trial.name());
  }

  /**
   * Builds and sets up an instance of {@code type} on the driver's thread; its steps are counted in
   * {@code tally}.
   */
  public static TrainableDriver start(
      Class<? extends AbstractTrainable> type,
      Config config,
      Trial trial,
      Duration timeout,
      StepTally tally) {
    TrainableDriver driver = new TrainableDriver(type, trial, timeout, tally);
    try {
      driver.trainable =
          driver.call("setup()", timeout, () -> TrainableFactory.create(type, config, trial));
    } catch (RuntimeException | Error e) {
      driver.hooks.shutdownNow();
      throw e;
    }
    return driver;
  }

  public Trial trial() {
    return trial;
  }

  public Path logdir() {
    return trial.logdir();
  }

  /**
   * One train() call. The result's map is built at once, so that a step which reuses and mutates
   * its metrics map later cannot rewrite this result after the fact.
   */
  public Result train() {
    Result r = call("step() (via train())", timeout, trainable::train);
    tally.add(1);
    r.asMap();
    trained = true;
    return r;
  }

  /** Up to {@code iterations} train() calls, ending early after a result that is done. */
  public List<Result> train(int iterations) {
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < iterations; i++) {
      Result r = train();
      results.add(r);
      if (r.isDone()) break;
    }
    return results;
  }

  public List<Result> trainBuffered(Duration bufferTime, int maxLength) {
    List<Result> results =
        call(
            "trainBuffered()",
            timeout.multipliedBy(maxLength).plus(bufferTime),
            () -> trainable.trainBuffered(bufferTime, maxLength));
    tally.add(results.size());
    return results;
  }

  public Checkpoint save() {
    return call("saveCheckpoint() (via save())", timeout, trainable::save);
  }

  public void restore(Path checkpoint) {
    call(
        "loadCheckpoint() (via restore())",
        timeout,
        () -> {
          trainable.restore(checkpoint);
          return null;
        });
  }

  public boolean reset(Config config) {
    return call("resetConfig() (via reset())", timeout, () -> trainable.reset(config));
  }

  public Map<String, Path> exportModel(List<String> formats, Path dir) {
    return call(
        "doExportModel() (via exportModel())", timeout, () -> trainable.exportModel(formats, dir));
  }

  public void stop() {
    call(
        "cleanup() (via stop())",
        timeout,
        () -> {
          trainable.stop();
          return null;
        });
    if (trained) COMPLETED_LIFECYCLES.add(type);
  }

  /**
   * Whether an instance of {@code type} has gone through setup, at least one train() and a stop()
   * that returned, in this JVM: then whatever a library it uses starts once per process on first
   * use (in that instance's thread group) has been started.
   */
  public static boolean completedLifecycle(Class<? extends AbstractTrainable> type) {
    return COMPLETED_LIFECYCLES.contains(type);
  }

  /**
   * The instance itself, to read its state between calls (the field comparison of a failure
   * message); never call its methods: every call goes through this driver's thread.
   */
  public AbstractTrainable instance() {
    return trainable;
  }

  /**
   * Lets go of the stopped instance and returns a weak reference to it, so that the cleanup check
   * can prove the trainable let go of itself too: after this, nothing the engine holds keeps it
   * alive but the driver's thread, which lives on until {@link #endThread(Duration)} — what a hook
   * left in that thread's {@code ThreadLocal}s is still reachable through it. {@link
   * #stopQuietly()} and {@link #close()} still end the thread; every other method of the instance
   * is gone with it.
   *
   * @throws IllegalStateException when the instance has not been stopped
   */
  public WeakReference<AbstractTrainable> release() {
    if (trainable == null || !trainable.isStopped()) {
      throw new IllegalStateException(name + ": released before stop() returned");
    }
    WeakReference<AbstractTrainable> released = new WeakReference<>(trainable);
    trainable = null;
    return released;
  }

  /**
   * Ends the driver's thread and waits up to {@code limit} for it to be gone: a thread that has
   * ended holds no {@code ThreadLocal} values any more.
   *
   * @return whether it ended in time (or never started)
   */
  public boolean endThread(Duration limit) throws InterruptedException {
    return hooks.end(limit);
  }

  public long iteration() {
    return trainable.iteration();
  }

  public boolean isStopped() {
    return trainable.isStopped();
  }

  /**
   * Threads the trainable started that are still alive, waiting up to {@code grace} for threads
   * that are already on their way out. The driver's own thread is not counted.
   */
  public List<Thread> liveThreads(Duration grace) throws InterruptedException {
    return hooks.liveThreads(grace);
  }

  private <T> T call(String what, Duration limit, Callable<T> action) {
    return hooks.call(what, limit, action);
  }

  /**
   * Stops the trainable if nobody did, and ends the driver's thread.
   *
   * @return what the implicit stop threw, if anything. It is returned rather than thrown because it
   *     is not the subject of the check that used this driver (the lifecycle and cleanup checks
   *     call {@link #stop()} themselves); the caller reports it.
   */
  public Optional<Throwable> stopQuietly() {
    try {
      if (trainable != null && !hooks.isAbandoned() && !trainable.isStopped()) stop();
      return Optional.empty();
    } catch (RuntimeException | Error e) {
      return Optional.of(e);
    } finally {
      hooks.shutdownNow();
    }
  }

  @Override
  public void close() {
    stopQuietly()
        .ifPresent(
            t -> {
              if (t instanceof RuntimeException re) throw re;
              throw (Error) t;
            });
  }
}

package dev.trainunit.engine.run;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.TrainableException;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * Drives one trainable instance from a thread of its own, in a thread group of its own, with a time
 * limit on every call. The thread group is what lets the cleanup check find threads the trainable
 * started and never stopped; the time limit is what turns a step that never returns into a failure
 * with the stuck thread's stack instead of a hung build.
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
  private final ThreadGroup group;
  private final ExecutorService executor;
  private final AtomicReference<Thread> thread = new AtomicReference<>();
  private final StepTally tally;
  private AbstractTrainable trainable;
  private boolean abandoned;
  private boolean trained;

  private TrainableDriver(
      Class<? extends AbstractTrainable> type, Trial trial, Duration timeout, StepTally tally) {
    this.type = type;
    this.tally = tally;
    this.name = type.getName();
    this.trial = trial;
    this.timeout = timeout;
    this.group = new ThreadGroup("trainunit-" + trial.name());
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(group, r, "trainunit-" + trial.name());
              t.setDaemon(true);
              thread.set(t);
              return t;
            });
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
      driver.executor.shutdownNow();
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
    executor.shutdown();
    Thread t = thread.get();
    if (t == null) return true;
    t.join(Math.max(1, limit.toMillis()));
    return !t.isAlive();
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
    long deadline = System.nanoTime() + grace.toNanos();
    List<Thread> alive;
    do {
      Thread[] all = new Thread[group.activeCount() + 8];
      int n = group.enumerate(all, true);
      alive = new ArrayList<>(Arrays.asList(all).subList(0, n));
      alive.removeIf(t -> t == thread.get() || !t.isAlive());
      if (alive.isEmpty()) return alive;
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return alive;
  }

  private <T> T call(String what, Duration limit, Callable<T> action) {
    if (abandoned) {
      throw new IllegalStateException(
          name + ": an earlier call timed out; this instance is abandoned");
    }
    Future<T> future = executor.submit(action);
    try {
      return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      Thread stuck = thread.get();
      StackTraceElement[] stack = stuck.getStackTrace();
      abandoned = true;
      future.cancel(true);
      executor.shutdownNow();
      String stuckIn = inConstructor(stack) ? "<init>() (the constructor)" : what;
      AbandonedThreads.add(name, stuckIn, stuck);
      throw new StepTimeoutException(name, stuckIn, limit, stuck, stack);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new TrainableException(name + "." + what + " failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new TrainableException("interrupted while waiting for " + name + "." + what, e);
    }
  }

  /**
   * Whether the stuck thread is still building the instance: the factory's reflective constructor
   * call is on its stack, so a constructor that hangs is named, not the setup() that follows it.
   */
  private static boolean inConstructor(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals(TrainableFactory.class.getName())
          && frame.getMethodName().equals("instantiate")) return true;
    }
    return false;
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
      if (trainable != null && !abandoned && !trainable.isStopped()) stop();
      return Optional.empty();
    } catch (RuntimeException | Error e) {
      return Optional.of(e);
    } finally {
      executor.shutdownNow();
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

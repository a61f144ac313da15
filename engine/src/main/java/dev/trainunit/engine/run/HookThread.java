package dev.trainunit.engine.run;

import dev.trainunit.TrainableException;
import dev.trainunit.TrainableFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one thread an instance's hooks run on, in a thread group of its own, with a time limit on
 * every call. The thread group is what lets the cleanup check find threads the trainable started
 * and never stopped; the time limit is what turns a hook that never returns into a failure with the
 * stuck thread's stack instead of a hung build. After a call timed out the thread is abandoned (see
 * {@link AbandonedThreads}) and every later call is refused.
 */
final class HookThread {

  private final String trainable;
  private final ThreadGroup group;
  private final ExecutorService executor;
  private final AtomicReference<Thread> thread = new AtomicReference<>();
  private boolean abandoned;

  /**
   * @param trainable the trainable's class name, for messages
   * @param name the thread's and its group's name
   */
  HookThread(String trainable, String name) {
    this.trainable = trainable;
    this.group = new ThreadGroup(name);
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(group, r, name);
              t.setDaemon(true);
              thread.set(t);
              return t;
            });
  }

  /** Whether a call timed out, which leaves the instance in an unknown state. */
  boolean isAbandoned() {
    return abandoned;
  }

  /** Runs {@code action} (hook {@code what}) on the thread, waiting at most {@code limit}. */
  <T> T call(String what, Duration limit, Callable<T> action) {
    if (abandoned) {
      throw new IllegalStateException(
          trainable + ": an earlier call timed out; this instance is abandoned");
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
      AbandonedThreads.add(trainable, stuckIn, stuck);
      throw new StepTimeoutException(trainable, stuckIn, limit, stuck, stack);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new TrainableException(trainable + "." + what + " failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new TrainableException("interrupted while waiting for " + trainable + "." + what, e);
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
   * Threads started in the group that are still alive, waiting up to {@code grace} for threads that
   * are already on their way out. The hook thread itself is not counted.
   */
  List<Thread> liveThreads(Duration grace) throws InterruptedException {
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

  /**
   * Ends the thread and waits up to {@code limit} for it to be gone: a thread that has ended holds
   * no {@code ThreadLocal} values any more.
   *
   * @return whether it ended in time (or never started)
   */
  boolean end(Duration limit) throws InterruptedException {
    executor.shutdown();
    Thread t = thread.get();
    if (t == null) return true;
    t.join(Math.max(1, limit.toMillis()));
    return !t.isAlive();
  }

  /** Ends the thread without waiting, interrupting what it runs. */
  void shutdownNow() {
    executor.shutdownNow();
  }
}

package dev.trainunit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Calls the hooks of one trainable for the framework: what a hook throws becomes a {@link
 * HookException} naming the class, the hook and where it was (the iteration, the checkpoint), with
 * the exception as its cause; what a hook returns is checked against its contract. Context strings
 * are built only on failure, so a step of a few microseconds pays nothing for them.
 */
final class TrainableHooks {

  private final AbstractTrainable trainable;

  /** Known once, so that train() skips the logResult call when it would do nothing. */
  private final boolean logResultOverridden;

  TrainableHooks(AbstractTrainable trainable) {
    this.trainable = trainable;
    this.logResultOverridden = overridesLogResult(trainable.getClass());
  }

  /**
   * Runs {@code setup(config)}; on failure, {@code undo} gets what it threw before it is wrapped.
   */
  void setup(Config config, Consumer<Throwable> undo) {
    try {
      trainable.setup(config);
    } catch (Throwable t) {
      undo.accept(t);
      throw failure("setup", null, t);
    }
  }

  /** Runs {@code step()} as iteration {@code iteration} (counted from 1). */
  Map<String, Object> step(long iteration) {
    Map<String, Object> metrics;
    try {
      metrics = trainable.step();
    } catch (Throwable t) {
      throw failure("step", "iteration " + iteration, t);
    }
    if (metrics == null) {
      throw new TrainableException(
          trainable.getClass().getName()
              + ".step() returned null at iteration "
              + iteration
              + "; return a map of metrics (an empty map when there is nothing to report)");
    }
    return metrics;
  }

  /**
   * Whether the trainable overrides {@code logResult}: a subclass that logs elsewhere must see
   * every result even when the trial has no result logs.
   */
  boolean logResultOverridden() {
    return logResultOverridden;
  }

  void logResult(Result result, long iteration) {
    try {
      trainable.logResult(result);
    } catch (Throwable t) {
      throw failure("logResult", "iteration " + iteration, t);
    }
  }

  Map<String, Object> saveCheckpoint(Path dir, long iteration) {
    try {
      return trainable.saveCheckpoint(dir);
    } catch (Throwable t) {
      throw failure("saveCheckpoint", "iteration " + iteration, t);
    }
  }

  /**
   * Runs {@code loadCheckpoint}; a damaged file it read through {@link Checkpoint#input(String)}
   * ends it with a {@link CheckpointException} naming the file, however the hook handled what the
   * stream threw.
   */
  void loadCheckpoint(Checkpoint checkpoint) {
    try {
      trainable.loadCheckpoint(checkpoint);
    } catch (Throwable t) {
      HookException failure = failure("loadCheckpoint", checkpoint.path().toString(), t);
      checkpoint.finishLoad(failure);
      throw failure;
    }
    checkpoint.finishLoad(null);
  }

  boolean resetConfig(Config newConfig) {
    try {
      return trainable.resetConfig(newConfig);
    } catch (Throwable t) {
      throw failure("resetConfig", null, t);
    }
  }

  /**
   * Runs the framework's closing steps in order (a failed step ends them), then {@code cleanup()}
   * even when a step failed: what the trainable holds is released in any case. When both fail, the
   * hook's failure is thrown with the other suppressed.
   */
  void cleanupAfter(Runnable... closingSteps) {
    RuntimeException closingFailure = null;
    try {
      for (Runnable step : closingSteps) step.run();
    } catch (RuntimeException e) {
      closingFailure = e;
    }
    try {
      trainable.cleanup();
    } catch (Throwable t) {
      HookException hook = failure("cleanup", null, t);
      if (closingFailure != null) hook.addSuppressed(closingFailure);
      throw hook;
    }
    if (closingFailure != null) throw closingFailure;
  }

  /**
   * Creates {@code exportDir}, runs {@code doExportModel} and checks that every requested format
   * was exported.
   */
  Map<String, Path> exportModel(List<String> exportFormats, Path exportDir) {
    try {
      Files.createDirectories(exportDir);
    } catch (IOException e) {
      throw new TrainableException("cannot create export directory " + exportDir, e);
    }
    Map<String, Path> exported;
    try {
      exported = trainable.doExportModel(List.copyOf(exportFormats), exportDir);
    } catch (Throwable t) {
      throw failure("exportModel", "formats " + exportFormats, t);
    }
    List<String> missing = new ArrayList<>(exportFormats);
    if (exported != null) missing.removeAll(exported.keySet());
    if (!missing.isEmpty()) {
      throw new TrainableException(
          trainable.getClass().getName()
              + ".doExportModel() did not export the formats "
              + missing
              + " (it returned "
              + exported
              + ")");
    }
    return Map.copyOf(exported);
  }

  /** What the default of a hook the trainable must override to be {@code able} throws. */
  UnsupportedOperationException notOverridden(String hook, String able) {
    return new UnsupportedOperationException(
        trainable.getClass().getName()
            + " does not override "
            + hook
            + ", so it cannot be "
            + able);
  }

  private HookException failure(String hook, String context, Throwable t) {
    Class<?> type = trainable.getClass();
    if (t instanceof HookException h && h.trainableClass().equals(type.getName())) return h;
    if (t instanceof InterruptedException) Thread.currentThread().interrupt();
    return new HookException(type, hook, context, t);
  }

  private static boolean overridesLogResult(Class<?> type) {
    for (Class<?> c = type; c != AbstractTrainable.class; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod("logResult", Result.class);
        return true;
      } catch (NoSuchMethodException ignored) {
        // keep looking in the superclass
      }
    }
    return false;
  }
}

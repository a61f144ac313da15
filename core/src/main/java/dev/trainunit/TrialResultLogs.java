package dev.trainunit;

import dev.trainunit.logging.LoggerCreator;
import dev.trainunit.logging.ResultLogger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The result logs of one running trainable: opened by the trial's {@link LoggerCreator} when the
 * trainable starts, flushed before a checkpoint or an upload of the trial directory, reopened for
 * the new config (by the creator the reset names) after a successful reset, closed by stop. A
 * creator may make no logger at all; then writing, flushing and closing do nothing.
 */
final class TrialResultLogs {

  private final Path logdir;

  /** The trial's, until a reset names another one. */
  private LoggerCreator creator;

  /** Null when closed, or when the creator made none. */
  private ResultLogger logger;

  private TrialResultLogs(Path logdir, LoggerCreator creator) {
    this.logdir = logdir;
    this.creator = creator;
  }

  /** The logs {@code creator} makes for {@code config} in the trial directory {@code logdir}. */
  static TrialResultLogs open(LoggerCreator creator, Config config, Path logdir) {
    TrialResultLogs logs = new TrialResultLogs(logdir, creator);
    logs.logger = logs.create(config);
    return logs;
  }

  LoggerCreator creator() {
    return creator;
  }

  /** Whether a logger is there to write to. */
  boolean isOpen() {
    return logger != null;
  }

  void write(Result result) throws IOException {
    if (logger != null) logger.onResult(result);
  }

  void flush() {
    if (logger == null) return;
    try {
      logger.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush result logs in " + logdir, e);
    }
  }

  void close() {
    ResultLogger closing = logger;
    logger = null;
    close(closing);
  }

  /** Closes the logs after {@code failure}, to which a failure to close is added as suppressed. */
  void closeAfter(Throwable failure) {
    try {
      close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Replaces the logs by those {@code newCreator} makes for {@code config} when {@code reuse} says
   * so, as {@code reset} does. The new logs are opened first, beside the current ones (flushed, so
   * that they append after them): when they cannot be opened, {@code reuse} is not asked and
   * nothing has changed; when {@code reuse} says no or throws, they are closed again and the
   * current ones stay. (A new {@code params.json} has then been written already.)
   */
  boolean restart(Config config, LoggerCreator newCreator, BooleanSupplier reuse) {
    Objects.requireNonNull(config, "newConfig");
    Objects.requireNonNull(newCreator, "loggerCreator");
    flush();
    ResultLogger next = create(newCreator, config);
    boolean reused;
    try {
      reused = reuse.getAsBoolean();
    } catch (RuntimeException | Error e) {
      closeAfter(next, e);
      throw e;
    }
    if (!reused) {
      close(next);
      return false;
    }
    ResultLogger previous = logger;
    logger = next;
    creator = newCreator;
    close(previous);
    return true;
  }

  private ResultLogger create(Config config) {
    return create(creator, config);
  }

  private ResultLogger create(LoggerCreator with, Config config) {
    try {
      return with.create(config, logdir);
    } catch (IOException e) {
      throw new TrainableException("cannot open result logs in " + logdir, e);
    }
  }

  private void close(ResultLogger closing) {
    if (closing == null) return;
    try {
      closing.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close result logs in " + logdir, e);
    }
  }

  private void closeAfter(ResultLogger closing, Throwable failure) {
    try {
      close(closing);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}

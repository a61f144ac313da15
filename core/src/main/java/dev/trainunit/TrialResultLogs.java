package dev.trainunit;

import dev.trainunit.logging.LoggerCreator;
import dev.trainunit.logging.ResultLogger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

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
    if (logger == null) return;
    ResultLogger closing = logger;
    logger = null;
    try {
      closing.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close result logs in " + logdir, e);
    }
  }

  /** Closes the logs after {@code failure}, to which a failure to close is added as suppressed. */
  void closeAfter(Throwable failure) {
    try {
      close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Closes the logs and opens those {@code newCreator} makes for {@code config}. */
  void restart(Config config, LoggerCreator newCreator) {
    close();
    creator = newCreator;
    logger = create(config);
  }

  private ResultLogger create(Config config) {
    try {
      return creator.create(config, logdir);
    } catch (IOException e) {
      throw new TrainableException("cannot open result logs in " + logdir, e);
    }
  }
}

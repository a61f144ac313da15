package dev.trainunit.logging;

import dev.trainunit.Result;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** The result loggers TrainUnit ships, and ways to combine them. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
public final class ResultLoggers {

  private ResultLoggers() {}

  /**
   * {@code result.json}, {@code params.json} and {@code progress.csv}, as Tune writes by default.
   */
  public static LoggerCreator tuneDefaults() {
    return all(JsonResultLogger::new, CsvResultLogger::new);
  }

  /** {@code result.json} and {@code params.json} only. */
  public static LoggerCreator json() {
    return JsonResultLogger::new;
  }

  /** No result files: the fastest setting, for benchmarks and throw-away trials. */
  public static LoggerCreator none() {
    return (config, logdir) -> null;
  }

  /** Every logger the given creators make, fed the same results. */
  public static LoggerCreator all(LoggerCreator... creators) {
    return (config, logdir) -> {
      List<ResultLogger> loggers = new ArrayList<>();
      try {
        for (LoggerCreator c : creators) {
          ResultLogger logger = c.create(config, logdir);
          if (logger != null) loggers.add(logger);
        }
      } catch (IOException | RuntimeException e) {
        closeAll(loggers, e);
        throw e;
      }
      return loggers.size() == 1 ? loggers.get(0) : new Composite(loggers);
    };
  }

  private static void closeAll(List<ResultLogger> loggers, Throwable failure) {
    for (ResultLogger logger : loggers) {
      try {
        logger.close();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private static final class Composite implements ResultLogger {
    private final List<ResultLogger> loggers;

    Composite(List<ResultLogger> loggers) {
      this.loggers = List.copyOf(loggers);
    }

    @Override
    public void onResult(Result result) throws IOException {
      for (ResultLogger logger : loggers) logger.onResult(result);
    }

    @Override
    public void flush() throws IOException {
      for (ResultLogger logger : loggers) logger.flush();
    }

    /** Closes every logger even when one fails, so no file stays open. */
    @Override
    public void close() throws IOException {
      IOException first = null;
      for (ResultLogger logger : loggers) {
        try {
          logger.close();
        } catch (IOException e) {
          if (first == null) first = e;
          else first.addSuppressed(e);
        }
      }
      if (first != null) throw first;
    }
  }
}

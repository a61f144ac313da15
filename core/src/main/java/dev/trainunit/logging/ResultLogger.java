package dev.trainunit.logging;

import dev.trainunit.Result;
import java.io.Closeable;
import java.io.IOException;
import org.apiguardian.api.API;

/**
 * Receives every result of one trial, as Tune's {@code Logger}. Created by a {@link LoggerCreator}
 * when the trial starts (and again after a successful {@code reset}); flushed and closed by {@code
 * stop()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
public interface ResultLogger extends Closeable {

  void onResult(Result result) throws IOException;

  /**
   * Pushes buffered results to the file system, for example before the trial directory is synced.
   */
  void flush() throws IOException;

  @Override
  void close() throws IOException;
}

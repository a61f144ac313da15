package dev.trainunit.logging;

import dev.trainunit.Config;
import java.io.IOException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Makes the result logger of a trial, as Tune's {@code logger_creator}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
@FunctionalInterface
public interface LoggerCreator {

  /**
   * @param config the trial's config, for loggers that record it (as {@code params.json} does)
   * @param logdir the trial directory; it exists
   */
  ResultLogger create(Config config, Path logdir) throws IOException;
}

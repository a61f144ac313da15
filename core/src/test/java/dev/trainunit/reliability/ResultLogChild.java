package dev.trainunit.reliability;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@link ResultLogCrashTest}: trains as fast as it can with {@code result.json}
 * and {@code progress.csv} on, results of about 1 KB, until it is killed, printing {@code RUNNING}
 * once it has logged a few hundred.
 *
 * <p>Arguments: trial directory.
 */
public final class ResultLogChild {

  /** Results of about 1 KB, so that buffers fill and are written out many times a second. */
  public static class Chatty extends AbstractTrainable {
    @Override
    protected Map<String, Object> step() {
      return Map.of(
          "loss", 1.0 / (iteration() + 1), "note", "x".repeat(900), "quote", "a \"b\",\nc");
    }
  }

  private ResultLogChild() {}

  public static void main(String[] args) {
    Trial trial = Trial.builder(Path.of(args[0])).id("crash").build();
    Chatty model = TrainableFactory.create(Chatty.class, Config.empty(), trial);
    for (long i = 0; ; i++) {
      model.train();
      if (i == 500) {
        System.out.println("RUNNING");
        System.out.flush();
      }
    }
  }
}

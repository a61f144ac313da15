package dev.trainunit.engine.run;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.internal.Json;
import dev.trainunit.logging.ResultLoggers;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The child side of the {@code fresh-jvm-restore} check: started in a new JVM (whose working
 * directory is a new trial directory), it restores one checkpoint into a fresh instance, trains it,
 * and writes what it saw as JSON lines for the parent to compare.
 *
 * <p>Usage: {@code java -cp <classpath> dev.trainunit.engine.run.FreshJvmMain <request.json>}, or
 * {@code ... FreshJvmMain --serve-one}: a spare JVM started ahead of need, which warms up the
 * framework and then reads the request file's path from stdin. Either way one JVM serves one
 * request, so every restore sees fresh statics. The request names the trainable class, the config,
 * the checkpoint, the iterations to run, the step timeout, the metrics to leave out, the trial (its
 * directory, name and id: each new JVM is a trial of its own) and the output file, written as
 * {@link FreshJvmProtocol} says. Exit code 0 on success; on any failure the stack trace goes to
 * stderr and the exit code is 1.
 */
@API(status = API.Status.INTERNAL)
public final class FreshJvmMain {

  private FreshJvmMain() {}

  /** How long shutdown hooks get before the JVM halts all the same. */
  static final long EXIT_GRACE_MILLIS = 5_000;

  /** The exit status of a JVM whose parent went away. */
  static final int PARENT_GONE = 3;

  /** How long a spare JVM waits for its request before it exits on its own. */
  static final long SPARE_IDLE_MILLIS = 120_000;

  public static void main(String[] args) {
    exitWithParent();
    int status;
    try {
      Path requestFile;
      if (args.length > 0 && args[0].equals(FreshJvmProtocol.WARM_UP)) {
        warmUp();
        System.exit(0);
      }
      if (args.length > 0 && args[0].equals(FreshJvmProtocol.SERVE_ONE)) {
        requestFile = awaitRequest();
        if (requestFile == null) System.exit(0); // the parent went away or never needed this spare
      } else {
        requestFile = Path.of(args[0]);
      }
      run(FreshJvmRequest.read(requestFile));
      status = 0;
    } catch (Throwable t) {
      t.printStackTrace();
      status = 1;
    }
    System.out.flush();
    System.err.flush();
    // Threads a broken trainable leaves behind must not keep this JVM alive, and neither may a
    // shutdown hook it registered that never returns.
    haltAfter(EXIT_GRACE_MILLIS, status);
    System.exit(status);
  }

  /**
   * Ends this JVM when the parent does: a child whose parent died (killed, crashed) has nobody to
   * report to and must not stay as an orphan, whatever the trainable is doing.
   */
  private static void exitWithParent() {
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(PARENT_GONE)));
  }

  /** Halts the JVM with {@code status} unless it has exited within {@code millis}. */
  private static void haltAfter(long millis, int status) {
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(millis);
              } catch (InterruptedException e) {
                // halting now is what the interrupt asks for too
              }
              Runtime.getRuntime().halt(status);
            },
            "fresh-jvm-exit-guard");
    halt.setDaemon(true);
    halt.start();
  }

  /**
   * Warms up what every request needs (JSON, the framework's classes, not the trainable's), then
   * blocks until the parent writes a request file's path on stdin; null at end of input.
   */
  private static Path awaitRequest() throws Exception {
    Thread idle =
        new Thread(
            () -> {
              try {
                Thread.sleep(SPARE_IDLE_MILLIS);
                System.exit(0);
              } catch (InterruptedException e) {
                // the request came
              }
            },
            "fresh-jvm-idle-exit");
    idle.setDaemon(true);
    idle.start();
    warmUp();
    Path request = FreshJvmProtocol.awaitRequest(System.in);
    idle.interrupt();
    return request;
  }

  /** Loads and runs once what every request needs: JSON, the framework's classes. */
  private static void warmUp() throws Exception {
    Map<String, Object> warm = new LinkedHashMap<>();
    warm.put("loss", 0.5);
    warm.put("training_iteration", 1L);
    Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(warm), Map.class);
    Config.parse("{\"lr\": 0.1}");
    Class.forName(TrainableDriver.class.getName());
    Class.forName(Result.class.getName());
    Class.forName(TrainableFactory.class.getName());
  }

  static void run(FreshJvmRequest request) throws Exception {
    Class<? extends AbstractTrainable> type =
        Class.forName(request.trainableClass(), true, FreshJvmMain.class.getClassLoader())
            .asSubclass(AbstractTrainable.class);
    // result.json stays for whoever looks into a failure; progress.csv would only add the CSV
    // module's start-up to every fresh JVM.
    Trial trial =
        Trial.builder(request.trialDir())
            .name(request.trialName())
            .id(request.trialId())
            .loggerCreator(ResultLoggers.json())
            .build();
    Set<String> ignored = Set.copyOf(request.ignoredMetrics());
    try (TrainableDriver driver =
            TrainableDriver.start(
                type,
                Config.parse(request.configJson()),
                trial,
                Duration.ofMillis(request.stepTimeoutMillis()),
                new StepTally());
        BufferedWriter out = Files.newBufferedWriter(request.output(), StandardCharsets.UTF_8)) {
      driver.restore(request.checkpoint());
      FreshJvmProtocol.writeHeader(out, driver.iteration());
      for (Result r : driver.train(request.iterations())) {
        FreshJvmProtocol.writeResult(out, Metrics.comparable(r, ignored));
      }
    }
  }
}

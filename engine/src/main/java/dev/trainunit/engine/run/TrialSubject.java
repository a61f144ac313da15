package dev.trainunit.engine.run;

import dev.trainunit.Config;
import dev.trainunit.Trial;
import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.discovery.TrainableDeclaration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One trainable under one config: what the checks of a config container share. Builds trial
 * instances in fresh directories, and computes the reference run and the facts the checks'
 * explanations rest on once, on first request.
 */
public final class TrialSubject {

  private final TrainableDeclaration declaration;
  private final int configIndex;
  private final EngineSettings settings;
  private final TrialDirectories directories;
  private final Path outputRoot;
  private final Once<ReferenceRun> reference = new Once<>();
  private final Map<Fact<?>, Once<?>> facts = new ConcurrentHashMap<>();

  public TrialSubject(TrainableDeclaration declaration, int configIndex, EngineSettings settings, Path outputRoot,
      Path baseDir) {
    this.outputRoot = outputRoot;
    this.declaration = declaration;
    this.configIndex = configIndex;
    this.settings = settings;
    this.directories = new TrialDirectories(baseDir);
    if (settings.freshJvmEnabled()) FreshJvmAhead.lineUp(this);
  }

  public TrainableDeclaration declaration() {
    return declaration;
  }

  public Config config() {
    return declaration.configs().get(configIndex);
  }

  public int configIndex() {
    return configIndex;
  }

  public EngineSettings settings() {
    return settings;
  }

  /** The engine run's output root (each trial of this subject, a new JVM's included, has its directory below {@link #directories()}). */
  public Path outputRoot() {
    return outputRoot;
  }

  public TrialDirectories directories() {
    return directories;
  }

  /** A started instance with this subject's config, in a new trial directory named after {@code label}. */
  public TrainableDriver start(String label) {
    return start(label, config());
  }

  /** A started instance with {@code config}, in a new trial directory named after {@code label}. */
  public TrainableDriver start(String label, Config config) {
    return TrainableDriver.start(declaration.trainableClass(), config, newTrial(label), declaration.stepTimeout());
  }

  /**
   * A trial in a new directory named after {@code label}, with a name and an id of its own: what
   * every instance of this subject runs as, in this JVM or in a new one. The id is taken from the
   * directory, which no other trial of the engine run has.
   */
  public Trial newTrial(String label) {
    Path dir = directories.next(label);
    return Trial.builder(dir).name(TrialDirectories.sanitize(declaration.trainableClass().getSimpleName() + "-" + label))
        .id(TrialDirectories.sanitize(label) + "-" + Integer.toHexString(dir.hashCode())).build();
  }

  /**
   * A new JVM for a restore of this subject's trainable, running as a trial of this subject, in
   * a new trial directory of its own; started ahead, while other checks ran, when it could be.
   * Close it when done with it.
   */
  public FreshJvm.Spare freshJvm() {
    return FreshJvmAhead.take(this);
  }

  /**
   * The uninterrupted run, computed on first call. When it fails, every later call fails with the
   * same cause, so each dependent check reports it instead of re-running a broken trainable.
   */
  public ReferenceRun reference() {
    return reference.get(() -> {
      try {
        return runReference();
      } catch (RuntimeException | Error e) {
        throw new ReferenceRunException(declaration.trainableClass().getName(), e);
      }
    });
  }

  /** The reference run if some check already computed it; never starts one. */
  public java.util.Optional<ReferenceRun> completedReference() {
    return reference.ifComputed();
  }

  /**
   * What {@code computation} finds out about this subject, found out on the first request only:
   * later requests, from any check and any thread, wait for and share the first one's answer (or
   * its exception). For the facts that explain failures: several failing checks train for them
   * once.
   */
  @SuppressWarnings("unchecked")
  public <T> T fact(Fact<T> fact, Supplier<T> computation) {
    return ((Once<T>) facts.computeIfAbsent(fact, f -> new Once<T>())).get(computation);
  }

  private ReferenceRun runReference() {
    TrainableDriver driver = start("reference");
    List<dev.trainunit.Result> results;
    try {
      results = driver.train(declaration.iterations());
    } catch (RuntimeException | Error e) {
      driver.stopQuietly().ifPresent(e::addSuppressed);
      throw e;
    }
    // A failing stop() is the lifecycle and cleanup checks' verdict to give, not every comparison's.
    driver.stopQuietly();
    return new ReferenceRun(results, Metrics.comparable(results, declaration.ignoredMetrics()), driver.logdir());
  }

  /** The reference run could not be made; each check that needs it fails with this. */
  public static final class ReferenceRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReferenceRunException(String trainable, Throwable cause) {
      super("the reference run of " + trainable + " failed, so nothing can be compared against it: " + cause.getMessage(), cause);
    }
  }
}

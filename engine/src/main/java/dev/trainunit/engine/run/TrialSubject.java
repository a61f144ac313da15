package dev.trainunit.engine.run;

import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.Trial;
import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.config.TrainableDeclaration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * One trainable under one config: what the checks of a config container share. Builds trial
 * instances in fresh directories, counts their steps, and makes the shared runs once, on first
 * request: the recorded reference run, the buffered run, and (only when those two disagree) a plain
 * run; and finds out, once, the facts the checks' explanations rest on.
 */
@API(status = API.Status.INTERNAL)
public final class TrialSubject {

  private final TrainableDeclaration declaration;
  private final int configIndex;
  private final EngineSettings settings;
  private final TrialDirectories directories;
  private final FreshJvmPool freshJvms;
  private final Path outputRoot;
  private final IntFunction<TrialSubject> siblings;
  private final StepTally tally = new StepTally();
  private final Once<ReferenceRun> reference = new Once<>();
  private final Once<BufferedRun> buffered = new Once<>();
  private final Once<List<Result>> plain = new Once<>();
  private final Map<Fact<?>, Once<?>> facts = new ConcurrentHashMap<>();

  /**
   * @param siblings the subjects of the same trainable's other configs, by config index
   */
  public TrialSubject(
      TrainableDeclaration declaration,
      int configIndex,
      EngineSettings settings,
      FreshJvmPool freshJvms,
      Path outputRoot,
      Path baseDir,
      IntFunction<TrialSubject> siblings) {
    this.freshJvms = freshJvms;
    this.outputRoot = outputRoot;
    this.declaration = declaration;
    this.configIndex = configIndex;
    this.settings = settings;
    this.directories = new TrialDirectories(baseDir);
    this.siblings = siblings;
    if (settings.freshJvmEnabled()) freshJvms.lineUp(this);
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

  /** The subject of the same trainable under config {@code index}. */
  public TrialSubject sibling(int index) {
    return index == configIndex ? this : siblings.apply(index);
  }

  /** The engine run's output root: every trial directory of the run is below it. */
  public Path outputRoot() {
    return outputRoot;
  }

  /** The step() calls this subject's checks have made so far, and since when. */
  public StepTally tally() {
    return tally;
  }

  public TrialDirectories directories() {
    return directories;
  }

  /**
   * A started instance with this subject's config, in a new trial directory named after {@code
   * label}.
   */
  public TrainableDriver start(String label) {
    return start(label, config());
  }

  /** A started instance with {@code config}, in a new trial directory named after {@code label}. */
  public TrainableDriver start(String label, Config config) {
    return TrainableDriver.start(
        declaration.trainableClass(), config, newTrial(label), declaration.stepTimeout(), tally);
  }

  /**
   * A trial in a new directory named after {@code label}, with a name and an id of its own: what
   * every instance of this subject runs as, in this JVM or in a new one. The id is taken from the
   * directory, which no other trial of the engine run has.
   */
  public Trial newTrial(String label) {
    Path dir = directories.next(label);
    return Trial.builder(dir)
        .name(TrialDirectories.sanitize(declaration.trainableClass().getSimpleName() + "-" + label))
        .id(TrialDirectories.sanitize(label) + "-" + Integer.toHexString(dir.hashCode()))
        .build();
  }

  /**
   * A new JVM for a restore of this subject's trainable, running as a trial of this subject, in a
   * new trial directory of its own; started ahead, while other checks ran, when it could be. Close
   * it when done with it.
   */
  public FreshJvm freshJvm() {
    return freshJvms.take(this);
  }

  /** The recorded run every check shares, made on first request (see {@link ReferenceRun}). */
  public ReferenceRun reference() {
    return reference.get(
        shared(
            "the reference run",
            new ReferenceRecorder(declaration, this::start, directories::next)::record));
  }

  /** The reference run if some check already made it; never starts one. */
  public Optional<ReferenceRun> completedReference() {
    return reference.ifComputed();
  }

  /**
   * The second run, through trainBuffered and without saves (see {@link BufferedRun}), made on
   * first request.
   */
  public BufferedRun bufferedRun() {
    return buffered.get(
        shared(
            "the run through trainBuffered",
            () -> {
              int length =
                  reference().length(); // first: a failing reference run must not leave an instance
              // started
              return BufferedRun.of(start("buffered"), length);
            }));
  }

  /**
   * A third run, plain train() and no saves, made only when the reference and the buffered run
   * disagree: it tells which of the two parted from an ordinary run.
   */
  public List<Result> plainRun() {
    return plain.get(
        shared(
            "a plain run",
            () -> {
              int length = reference().length();
              TrainableDriver driver = start("plain");
              try {
                return driver.train(length);
              } finally {
                driver.stopQuietly();
              }
            }));
  }

  /** {@code run}, its failure wrapped so that each check that needed it says which run failed. */
  private <T> Supplier<T> shared(String what, Supplier<T> run) {
    return () -> {
      try {
        return run.get();
      } catch (ReferenceRunException e) {
        throw e;
      } catch (RuntimeException | Error e) {
        throw new ReferenceRunException(what + " of " + declaration.trainableClass().getName(), e);
      }
    };
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

  /** A shared run could not be made; each check that needs it fails with this. */
  public static final class ReferenceRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReferenceRunException(String run, Throwable cause) {
      super(run + " failed, so nothing can be compared against it: " + cause.getMessage(), cause);
    }
  }
}

package dev.trainunit.engine.run;

import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.Trial;
import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.discovery.TrainableDeclaration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One trainable under one config: what the checks of a config container share. Builds trial
 * instances in fresh directories, counts their steps, and makes the shared runs once, on first
 * request: the recorded reference run, the buffered run, and (only when those two disagree) a
 * plain run.
 */
public final class TrialSubject {

  private final TrainableDeclaration declaration;
  private final int configIndex;
  private final EngineSettings settings;
  private final TrialDirectories directories;
  private final Path outputRoot;
  private final StepTally tally = new StepTally();
  private final Shared<ReferenceRun> reference;
  private final Shared<BufferedRun> buffered;
  private final Shared<List<Result>> plain;

  private final IntFunction<TrialSubject> siblings;

  /** @param siblings the subjects of the same trainable's other configs, by config index */
  public TrialSubject(TrainableDeclaration declaration, int configIndex, EngineSettings settings, Path outputRoot,
      Path baseDir, IntFunction<TrialSubject> siblings) {
    this.outputRoot = outputRoot;
    this.declaration = declaration;
    this.configIndex = configIndex;
    this.settings = settings;
    this.directories = new TrialDirectories(baseDir);
    this.siblings = siblings;
    String name = declaration.trainableClass().getName();
    this.reference = new Shared<>(new ReferenceRecorder(declaration, this::start, directories::next)::record,
        e -> new ReferenceRunException("the reference run of " + name, e));
    this.buffered = new Shared<>(this::runBuffered,
        e -> new ReferenceRunException("the run of " + name + " through trainBuffered", e));
    this.plain = new Shared<>(this::runPlain, e -> new ReferenceRunException("a plain run of " + name, e));
  }

  /** The subject of the same trainable under config {@code index}. */
  public TrialSubject sibling(int index) {
    return index == configIndex ? this : siblings.apply(index);
  }

  private BufferedRun runBuffered() {
    int length = reference().length(); // first: a failing reference run must not leave an instance started
    return BufferedRun.of(start("buffered"), length);
  }

  private List<Result> runPlain() {
    int length = reference().length();
    TrainableDriver driver = start("plain");
    try {
      return driver.train(length);
    } finally {
      driver.stopQuietly();
    }
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

  /** The engine run's output root, for what is shared across trainables (the fresh JVMs' trial directories). */
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

  /** A started instance with this subject's config, in a new trial directory named after {@code label}. */
  public TrainableDriver start(String label) {
    return start(label, config());
  }

  /** A started instance with {@code config}, in a new trial directory named after {@code label}. */
  public TrainableDriver start(String label, Config config) {
    Path dir = directories.next(label);
    Trial trial = Trial.builder(dir).name(TrialDirectories.sanitize(declaration.trainableClass().getSimpleName() + "-" + label))
        .id(TrialDirectories.sanitize(label) + "-" + Integer.toHexString(dir.hashCode())).build();
    return TrainableDriver.start(declaration.trainableClass(), config, trial, declaration.stepTimeout(), tally);
  }

  /** The recorded run every check shares, made on first request (see {@link ReferenceRun}). */
  public ReferenceRun reference() {
    return reference.get();
  }

  /** The reference run if some check already made it; never starts one. */
  public Optional<ReferenceRun> completedReference() {
    return reference.ifMade();
  }

  /** The second run, through trainBuffered and without saves (see {@link BufferedRun}), made on first request. */
  public BufferedRun bufferedRun() {
    return buffered.get();
  }

  /**
   * A third run, plain train() and no saves, made only when the reference and the buffered run
   * disagree: it tells which of the two parted from an ordinary run.
   */
  public List<Result> plainRun() {
    return plain.get();
  }

  /** The reference run could not be made; each check that needs it fails with this. */
  public static final class ReferenceRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReferenceRunException(String run, Throwable cause) {
      super(run + " failed, so nothing can be compared against it: " + cause.getMessage(), cause);
    }
  }
}

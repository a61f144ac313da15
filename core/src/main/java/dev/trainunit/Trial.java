package dev.trainunit;

import dev.trainunit.logging.LoggerCreator;
import dev.trainunit.logging.ResultLoggers;
import dev.trainunit.storage.TrialStorage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * The trial a trainable runs as: its id and name, its directory, the resources it was given, how it
 * logs results, and where its checkpoints are synced. Tune passes the same through the {@code
 * Trainable} constructor ({@code logger_creator}, {@code storage}, {@code sync_config}).
 *
 * <pre>{@code
 * Trial trial = Trial.builder(Path.of("runs/lr-0.1")).name("lr-0.1").build();
 * MyModel model = TrainableFactory.create(MyModel.class, config, trial);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public final class Trial {

  private final String id;
  private final String name;
  private final Path logdir;
  private final Resources resources;
  private final LoggerCreator loggerCreator;
  private final Path remoteDir;
  private final SyncConfig syncConfig;
  private final CheckpointOptions checkpointOptions;

  private Trial(Builder b) {
    this.logdir = b.logdir.toAbsolutePath().normalize();
    this.id = b.id != null ? b.id : UUID.randomUUID().toString().substring(0, 8);
    this.name = b.name != null ? b.name : logdir.getFileName() + "_" + id;
    this.resources = b.resources;
    this.loggerCreator = b.loggerCreator;
    this.remoteDir = b.remoteDir;
    this.syncConfig = b.syncConfig;
    this.checkpointOptions = b.checkpointOptions;
  }

  /** A trial whose results, logs and checkpoints go to {@code logdir}. */
  public static Builder builder(Path logdir) {
    return new Builder(logdir);
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** The trial directory; absolute. */
  public Path logdir() {
    return logdir;
  }

  public Resources resources() {
    return resources;
  }

  public LoggerCreator loggerCreator() {
    return loggerCreator;
  }

  /** The remote copy of the trial directory, on any NIO file system, if the trial syncs. */
  public Optional<Path> remoteDir() {
    return Optional.ofNullable(remoteDir);
  }

  public SyncConfig syncConfig() {
    return syncConfig;
  }

  public CheckpointOptions checkpointOptions() {
    return checkpointOptions;
  }

  /** The checkpoint storage of this trial's directory, with its options and remote copy. */
  TrialStorage storage() {
    return new TrialStorage(logdir, checkpointOptions, remoteDir(), syncConfig);
  }

  /** A builder preset with this trial's settings, to derive a trial that differs in one. */
  public Builder toBuilder() {
    Builder b =
        new Builder(logdir)
            .id(id)
            .name(name)
            .resources(resources)
            .loggerCreator(loggerCreator)
            .checkpointOptions(checkpointOptions);
    if (remoteDir != null) b.remote(remoteDir, syncConfig);
    return b;
  }

  @Override
  public String toString() {
    return "Trial[" + name + " in " + logdir + "]";
  }

  /** Builds a {@link Trial}; only the directory is required. */
  public static final class Builder {
    private final Path logdir;
    private String id;
    private String name;
    private Resources resources = Resources.DEFAULT;
    private LoggerCreator loggerCreator = ResultLoggers.tuneDefaults();
    private Path remoteDir;
    private SyncConfig syncConfig = SyncConfig.DEFAULT;
    private CheckpointOptions checkpointOptions = CheckpointOptions.DEFAULT;

    private Builder(Path logdir) {
      this.logdir = Objects.requireNonNull(logdir, "logdir");
    }

    /** The trial id, as Tune's {@code trial_id}; a random 8-character id when not set. */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder resources(Resources resources) {
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /**
     * Which result loggers the trial writes, as Tune's {@code logger_creator}; the default writes
     * {@code result.json}, {@code progress.csv} and {@code params.json}.
     */
    public Builder loggerCreator(LoggerCreator loggerCreator) {
      this.loggerCreator = Objects.requireNonNull(loggerCreator, "loggerCreator");
      return this;
    }

    /**
     * Syncs the trial directory to {@code remoteDir}, which may live on any NIO file system (a zip
     * file, an in-memory file system, an S3 or HDFS provider).
     */
    public Builder remote(Path remoteDir, SyncConfig syncConfig) {
      this.remoteDir = Objects.requireNonNull(remoteDir, "remoteDir");
      this.syncConfig = Objects.requireNonNull(syncConfig, "syncConfig");
      return this;
    }

    public Builder checkpointOptions(CheckpointOptions checkpointOptions) {
      this.checkpointOptions = Objects.requireNonNull(checkpointOptions, "checkpointOptions");
      return this;
    }

    public Trial build() {
      return new Trial(this);
    }
  }
}

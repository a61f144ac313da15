package dev.trainunit.engine.execution;

import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.report.RunRecord;
import dev.trainunit.engine.run.FreshJvmPool;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What flows down the test tree during execution: the engine settings, the listener for report
 * entries, the output root, the record of this engine run's outcomes for the report, and (below a
 * trainable container) the subjects of its configs. Immutable (the record is shared and
 * thread-safe); each level derives its own.
 */
@API(status = API.Status.INTERNAL)
public final class TrainUnitContext implements EngineExecutionContext {

  private final EngineSettings settings;
  private final EngineExecutionListener listener;
  private final Path outputRoot;
  private final List<TrialSubject> subjects;
  private final RunRecord record;
  private final FreshJvmPool freshJvms;

  /**
   * The root context of one engine execution, with a new, empty {@link RunRecord} and the pool of
   * new JVMs the execution's {@code fresh-jvm-restore} checks share (closed when the execution
   * ends, see {@link #close()}).
   */
  public TrainUnitContext(
      EngineSettings settings, EngineExecutionListener listener, Path outputRoot) {
    this(
        settings,
        listener,
        outputRoot,
        List.of(),
        new RunRecord(settings.shard()),
        new FreshJvmPool(outputRoot == null ? null : outputRoot.resolve("fresh-jvm-cds")));
  }

  private TrainUnitContext(
      EngineSettings settings,
      EngineExecutionListener listener,
      Path outputRoot,
      List<TrialSubject> subjects,
      RunRecord record,
      FreshJvmPool freshJvms) {
    this.settings = settings;
    this.listener = listener;
    this.outputRoot = outputRoot;
    this.subjects = subjects;
    this.record = record;
    this.freshJvms = freshJvms;
  }

  public TrainUnitContext withSubjects(List<TrialSubject> subjects) {
    return new TrainUnitContext(
        settings, listener, outputRoot, List.copyOf(subjects), record, freshJvms);
  }

  /** What this engine execution's checks did, for the report and the console summary. */
  public RunRecord record() {
    return record;
  }

  public EngineSettings settings() {
    return settings;
  }

  public EngineExecutionListener listener() {
    return listener;
  }

  public Path outputRoot() {
    return outputRoot;
  }

  /** The new JVMs of this engine execution, started ahead for the subjects that need one. */
  public FreshJvmPool freshJvms() {
    return freshJvms;
  }

  /** Ends what the execution still holds: a new JVM started ahead that nobody took. */
  public void close() {
    freshJvms.close();
  }

  public TrialSubject subject(int configIndex) {
    return subjects.get(configIndex);
  }

  public List<TrialSubject> subjects() {
    return subjects;
  }
}

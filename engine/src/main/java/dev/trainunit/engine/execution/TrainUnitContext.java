package dev.trainunit.engine.execution;

import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What flows down the test tree during execution: the engine settings, the listener for report
 * entries, the output root, and (below a trainable container) the subjects of its configs.
 * Immutable; each level derives its own.
 */
public final class TrainUnitContext implements EngineExecutionContext {

  private final EngineSettings settings;
  private final EngineExecutionListener listener;
  private final Path outputRoot;
  private final List<TrialSubject> subjects;

  public TrainUnitContext(EngineSettings settings, EngineExecutionListener listener, Path outputRoot) {
    this(settings, listener, outputRoot, List.of());
  }

  private TrainUnitContext(EngineSettings settings, EngineExecutionListener listener, Path outputRoot,
      List<TrialSubject> subjects) {
    this.settings = settings;
    this.listener = listener;
    this.outputRoot = outputRoot;
    this.subjects = subjects;
  }

  public TrainUnitContext withSubjects(List<TrialSubject> subjects) {
    return new TrainUnitContext(settings, listener, outputRoot, List.copyOf(subjects));
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

  public TrialSubject subject(int configIndex) {
    return subjects.get(configIndex);
  }

  public List<TrialSubject> subjects() {
    return subjects;
  }
}

package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.discovery.TrainableDeclaration;
import dev.trainunit.engine.execution.TrainUnitContext;
import dev.trainunit.engine.run.Metrics;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The container of one {@code @Trainable} class: its checks (one config) or its config
 * containers (several). Before its children run it sets up one subject per config; after, it
 * publishes each config's final metrics and result files.
 */
public final class TrainableDescriptor extends AbstractTestDescriptor implements Node<TrainUnitContext> {

  public static final String SEGMENT = "trainable";

  private final TrainableDeclaration declaration;

  public TrainableDescriptor(UniqueId uniqueId, TrainableDeclaration declaration) {
    super(uniqueId, declaration.testClass().getSimpleName(), ClassSource.from(declaration.testClass()));
    this.declaration = declaration;
  }

  public TrainableDeclaration declaration() {
    return declaration;
  }

  /** Whether checks sit in config containers (several configs) or directly below this node. */
  public boolean hasConfigContainers() {
    return declaration.configs().size() > 1;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  /** Surefire's XML names the test class by this, as for a Jupiter class. */
  @Override
  public String getLegacyReportingName() {
    return declaration.testClass().getName();
  }

  @Override
  public TrainUnitContext before(TrainUnitContext context) {
    Path base = context.outputRoot().resolve(declaration.testClass().getName());
    List<TrialSubject> subjects = new ArrayList<>();
    for (int i = 0; i < declaration.configs().size(); i++) {
      Path dir = hasConfigContainers() ? base.resolve("config-" + (i + 1)) : base;
      subjects.add(new TrialSubject(declaration, i, context.settings(), context.outputRoot(), dir));
    }
    return context.withSubjects(subjects);
  }

  @Override
  public void after(TrainUnitContext context) {
    for (TrialSubject subject : context.subjects()) {
      subject.completedReference().ifPresent(run -> {
        context.record().reference(declaration, subject.configIndex(), run);
        publish(context, subject, run);
      });
    }
  }

  private void publish(TrainUnitContext context, TrialSubject subject, ReferenceRun run) {
    TestDescriptor target = hasConfigContainers() ? configChild(subject.configIndex()) : this;
    if (run.results().isEmpty()) return;
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("config", declaration.configLabel(subject.configIndex()));
    Metrics.comparable(run.results().get(run.length() - 1), declaration.ignoredMetrics())
        .forEach((k, v) -> entry.put("final." + k, String.valueOf(v)));
    context.listener().reportingEntryPublished(target, ReportEntry.from(entry));
    for (String file : List.of("result.json", "progress.csv", "params.json")) {
      Path p = run.logdir().resolve(file);
      if (java.nio.file.Files.isRegularFile(p)) {
        context.listener().fileEntryPublished(target, FileEntry.from(p, file.endsWith(".csv") ? "text/csv" : "application/json"));
      }
    }
  }

  private TestDescriptor configChild(int index) {
    UniqueId id = getUniqueId().append(ConfigDescriptor.SEGMENT, String.valueOf(index + 1));
    return getChildren().stream().filter(c -> c.getUniqueId().equals(id)).findFirst().map(TestDescriptor.class::cast).orElse(this);
  }
}

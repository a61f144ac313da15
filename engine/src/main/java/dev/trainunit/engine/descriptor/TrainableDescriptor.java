package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.config.TrainableDeclaration;
import dev.trainunit.engine.execution.TrainUnitContext;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The container of one {@code @Trainable} class: its checks (one config) or its config containers
 * (several). Before its children run it sets up one subject per config.
 */
@API(status = API.Status.INTERNAL)
public final class TrainableDescriptor extends AbstractTestDescriptor
    implements Node<TrainUnitContext> {

  public static final String SEGMENT = "trainable";

  private final TrainableDeclaration declaration;

  public TrainableDescriptor(UniqueId uniqueId, TrainableDeclaration declaration) {
    super(
        uniqueId,
        declaration.testClass().getSimpleName(),
        ClassSource.from(declaration.testClass()));
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
      subjects.add(
          new TrialSubject(
              declaration,
              i,
              context.settings(),
              context.freshJvms(),
              context.outputRoot(),
              dir,
              subjects::get));
    }
    return context.withSubjects(subjects);
  }

  /**
   * With one config, this node holds its checks and publishes its results; config containers do it
   * otherwise.
   */
  @Override
  public void after(TrainUnitContext context) {
    if (!hasConfigContainers()) ReferencePublisher.publish(context, this, 0);
  }
}

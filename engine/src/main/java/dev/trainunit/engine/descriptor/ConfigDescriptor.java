package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.config.TrainableDeclaration;
import dev.trainunit.engine.execution.TrainUnitContext;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.CompositeTestSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The checks of one config, when a trainable declares several. Its id segment is the 1-based config
 * number.
 */
@API(status = API.Status.INTERNAL)
public final class ConfigDescriptor extends AbstractTestDescriptor
    implements Node<TrainUnitContext> {

  public static final String SEGMENT = "config";

  private final int configIndex;

  public ConfigDescriptor(UniqueId uniqueId, TrainableDeclaration declaration, int configIndex) {
    // The test class, where the config is declared, so that the source resolves and an IDE goes
    // there. Wrapped in a composite source on purpose: Surefire starts a new XML report for each
    // container whose source is a ClassSource, which would split one test class's checks across
    // reports that overwrite each other; IDEs (IntelliJ) and JUnit's reports read the class
    // inside the composite.
    super(
        uniqueId,
        "config " + (configIndex + 1) + " " + declaration.configLabel(configIndex),
        CompositeTestSource.from(List.of(ClassSource.from(declaration.testClass()))));
    this.configIndex = configIndex;
  }

  public int configIndex() {
    return configIndex;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  /** Publishes this config's final metrics and result files while this node is still open. */
  @Override
  public void after(TrainUnitContext context) {
    ReferencePublisher.publish(context, this, configIndex);
  }
}

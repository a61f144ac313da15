package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.config.TrainableDeclaration;
import dev.trainunit.engine.execution.TrainUnitContext;
import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
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
    // No source of its own: Surefire starts a new report for each container with a class source,
    // which would split one test class's checks across reports that count nothing.
    super(uniqueId, "config " + (configIndex + 1) + " " + declaration.configLabel(configIndex));
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

package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.execution.TrainUnitContext;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The root of the TrainUnit test tree. */
public final class TrainUnitEngineDescriptor extends EngineDescriptor implements Node<TrainUnitContext> {

  public TrainUnitEngineDescriptor(UniqueId uniqueId) {
    super(uniqueId, "TrainUnit");
  }
}

package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.execution.TrainUnitContext;
import dev.trainunit.engine.report.Reporter;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The root of the TrainUnit test tree. */
public final class TrainUnitEngineDescriptor extends EngineDescriptor implements Node<TrainUnitContext> {

  public TrainUnitEngineDescriptor(UniqueId uniqueId) {
    super(uniqueId, "TrainUnit");
  }

  /** Once per engine execution, after every check: the HTML report, the JSON summary and the console summary. */
  @Override
  public void after(TrainUnitContext context) {
    Reporter.finish(context.settings(), context.outputRoot().resolve("report"), context.record(), System.out, System.err);
  }
}

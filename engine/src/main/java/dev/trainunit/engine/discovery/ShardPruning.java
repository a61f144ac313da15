package dev.trainunit.engine.discovery;

import dev.trainunit.engine.config.Shard;
import dev.trainunit.engine.config.TrainableDeclaration;
import dev.trainunit.engine.descriptor.ConfigDescriptor;
import dev.trainunit.engine.descriptor.InvalidDeclarationDescriptor;
import dev.trainunit.engine.descriptor.TrainUnitEngineDescriptor;
import dev.trainunit.engine.descriptor.TrainUnitEngineDescriptor.ShardOutcome;
import dev.trainunit.engine.descriptor.TrainableDescriptor;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestDescriptor;

/**
 * Leaves in the tree only what belongs to this run's shard, once the selectors are resolved. The
 * unit is a trainable × config: a config container another shard owns is removed, and so is a
 * trainable none of whose configs is here (with one config, the trainable is the unit). A class
 * whose declaration is wrong is one unit, owned by the hash of its name, so its failing test fails
 * exactly one shard.
 *
 * <p>Pruned after resolution rather than never built: every selector (class, method, unique id)
 * builds the same nodes as without sharding, and one rule, in one place, decides what stays.
 */
@API(status = API.Status.INTERNAL)
public final class ShardPruning {

  private ShardPruning() {}

  public static void prune(TrainUnitEngineDescriptor engine, Shard shard) {
    int here = 0;
    int elsewhere = 0;
    for (TestDescriptor node : List.copyOf(engine.getChildren())) {
      if (node instanceof TrainableDescriptor trainable) {
        TrainableDeclaration declaration = trainable.declaration();
        if (trainable.hasConfigContainers()) {
          for (TestDescriptor child : List.copyOf(trainable.getChildren())) {
            if (child instanceof ConfigDescriptor config
                && !shard.owns(declaration.shardKey(config.configIndex()))) {
              child.removeFromHierarchy();
              elsewhere++;
            } else {
              here++;
            }
          }
          if (trainable.getChildren().isEmpty()) trainable.removeFromHierarchy();
        } else if (shard.owns(declaration.shardKey(0))) {
          here++;
        } else {
          trainable.removeFromHierarchy();
          elsewhere++;
        }
      } else if (node instanceof InvalidDeclarationDescriptor invalid) {
        if (shard.owns(TrainableDeclaration.shardKey(invalid.testClass()))) {
          here++;
        } else {
          invalid.removeFromHierarchy();
          elsewhere++;
        }
      }
    }
    engine.shardOutcome(new ShardOutcome(shard, here, elsewhere));
  }
}

package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.config.Shard;
import dev.trainunit.engine.execution.TrainUnitContext;
import dev.trainunit.engine.report.Reporter;
import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The root of the TrainUnit test tree; it keeps the settings read once at discovery for the
 * execution.
 */
@API(status = API.Status.INTERNAL)
public final class TrainUnitEngineDescriptor extends EngineDescriptor
    implements Node<TrainUnitContext> {

  private final EngineSettings settings;
  private volatile ShardOutcome shardOutcome;

  /**
   * What sharding left in the tree, counted in trainables × configs (and invalid declarations).
   *
   * @param here the units this shard runs
   * @param elsewhere the units left to the other shards
   */
  public record ShardOutcome(Shard shard, int here, int elsewhere) {}

  public TrainUnitEngineDescriptor(UniqueId uniqueId, EngineSettings settings) {
    super(uniqueId, "TrainUnit");
    this.settings = settings;
  }

  /** The configuration parameters as discovery read them. */
  public EngineSettings settings() {
    return settings;
  }

  /** Set once at discovery, when the run is one shard of the suite. */
  public void shardOutcome(ShardOutcome outcome) {
    this.shardOutcome = outcome;
  }

  /**
   * Once per engine execution, after every check: the HTML report, the JSON summary and the console
   * summary.
   */
  @Override
  public void after(TrainUnitContext context) {
    Reporter.finish(
        context.settings(),
        context.outputRoot().resolve("report"),
        context.record(),
        System.out,
        System.err);
    ShardOutcome outcome = shardOutcome;
    if (outcome != null && outcome.here() == 0 && outcome.elsewhere() > 0) {
      // Else a CI job that ran nothing says only "Tests run: 0", which reads like a broken setup.
      Reporter.nothingInShard(context.settings(), outcome.shard(), outcome.elsewhere(), System.out);
    }
  }

  /**
   * Once per engine execution, whatever happened: ends a new JVM started ahead that nobody took.
   */
  @Override
  public void cleanUp(TrainUnitContext context) {
    context.close();
  }
}

package dev.trainunit.engine;

import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.config.Constants;
import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.descriptor.TrainUnitEngineDescriptor;
import dev.trainunit.engine.discovery.DeclarationReader;
import dev.trainunit.engine.discovery.MainCodeTrainables;
import dev.trainunit.engine.discovery.ShardPruning;
import dev.trainunit.engine.discovery.TrainableSelectorResolver;
import dev.trainunit.engine.execution.TrainUnitContext;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;

/**
 * The TrainUnit test engine (id {@code trainunit}): discovers {@code @Trainable} classes and
 * proves, one check per test node, that each honours the Trainable contract.
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public final class TrainUnitTestEngine extends HierarchicalTestEngine<TrainUnitContext> {

  public static final String ENGINE_ID = "trainunit";

  private final CheckCatalog catalog;
  private final Map<String, String> environment;

  public TrainUnitTestEngine() {
    // The one place the engine reads environment variables (Bazel's sharding protocol).
    this(CheckCatalog.standard(), System.getenv());
  }

  TrainUnitTestEngine(CheckCatalog catalog) {
    this(catalog, System.getenv());
  }

  /** For tests: an engine that sees {@code environment} instead of the process's. */
  TrainUnitTestEngine(CheckCatalog catalog, Map<String, String> environment) {
    this.catalog = catalog;
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String getId() {
    return ENGINE_ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.trainunit");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("trainunit-engine");
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    EngineSettings settings = new EngineSettings(request.getConfigurationParameters(), environment);
    // A value that cannot be read fails the run (an error is a critical discovery issue) and names
    // the key.
    settings
        .problems()
        .forEach(
            problem ->
                request
                    .getDiscoveryListener()
                    .issueEncountered(uniqueId, DiscoveryIssue.create(Severity.ERROR, problem)));
    settings
        .shardStatusFile()
        .flatMap(TrainUnitTestEngine::touch)
        .ifPresent(
            problem ->
                request
                    .getDiscoveryListener()
                    .issueEncountered(uniqueId, DiscoveryIssue.create(Severity.ERROR, problem)));
    TrainUnitEngineDescriptor engine = new TrainUnitEngineDescriptor(uniqueId, settings);
    DeclarationReader reader = new DeclarationReader(settings, catalog);
    EngineDiscoveryRequestResolver.<TrainUnitEngineDescriptor>builder()
        .addClassContainerSelectorResolver(TrainableSelectorResolver::isTrainableTestClass)
        .addSelectorResolver(
            ctx ->
                new TrainableSelectorResolver(
                    reader, catalog, ctx.getIssueReporter(), ctx.getClassNameFilter()))
        .build()
        .resolve(request, engine);
    settings.shard().ifPresent(shard -> ShardPruning.prune(engine, shard));
    MainCodeTrainables.issues(request, engine)
        .forEach(issue -> request.getDiscoveryListener().issueEncountered(uniqueId, issue));
    return engine;
  }

  /**
   * Touches Bazel's shard status file, which tells Bazel that this runner honours its shards (Bazel
   * fails, or runs every test in every shard, otherwise); what went wrong, if anything.
   */
  private static Optional<String> touch(Path statusFile) {
    try {
      try {
        Files.createFile(statusFile);
      } catch (FileAlreadyExistsException e) {
        // Bazel made it, or another fork of this shard: touching is then updating its time.
        Files.setLastModifiedTime(statusFile, FileTime.fromMillis(System.currentTimeMillis()));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          "cannot touch Bazel's shard status file "
              + statusFile
              + " ("
              + EngineSettings.BAZEL_SHARD_STATUS_FILE
              + "): "
              + e);
    }
  }

  @Override
  protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
    if (settings(request).parallelEnabled()) {
      return ParallelHierarchicalTestExecutorServiceFactory.create(
          new PrefixedConfigurationParameters(
              request.getConfigurationParameters(), Constants.PARALLEL_CONFIG_PREFIX));
    }
    return super.createExecutorService(request);
  }

  @Override
  protected TrainUnitContext createExecutionContext(ExecutionRequest request) {
    EngineSettings settings = settings(request);
    Path outputRoot =
        settings.outputRoot(() -> request.getOutputDirectoryCreator().getRootDirectory());
    return new TrainUnitContext(settings, request.getEngineExecutionListener(), outputRoot);
  }

  private static EngineSettings settings(ExecutionRequest request) {
    return ((TrainUnitEngineDescriptor) request.getRootTestDescriptor()).settings();
  }
}

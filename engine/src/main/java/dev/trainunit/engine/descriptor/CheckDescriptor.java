package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.check.Check;
import dev.trainunit.engine.check.CheckContext;
import dev.trainunit.engine.config.TrainableDeclaration;
import dev.trainunit.engine.execution.TrainUnitContext;
import dev.trainunit.engine.run.TrialSubject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One check against one config: a test node named by the check id, tagged with what the check costs
 * and needs ({@link Check#tags()}), with a {@code MethodSource(testClass, checkId)} so that {@code
 * -Dtest='LogRegTest#save-restore'} and IDEs select it.
 */
@API(status = API.Status.INTERNAL)
public final class CheckDescriptor extends AbstractTestDescriptor
    implements Node<TrainUnitContext> {

  public static final String SEGMENT = "check";

  private final TrainableDeclaration declaration;
  private final Check check;
  private final int configIndex;
  private final int order;
  private final Set<TestTag> tags;

  /**
   * @param order the check's position in the check catalogue, as the report orders checks: unlike
   *     its position among the nodes that were selected, the same in a run that selects only some
   *     checks, whose outcomes the report merges with the others'
   */
  public CheckDescriptor(
      UniqueId uniqueId,
      TrainableDeclaration declaration,
      Check check,
      int configIndex,
      int order) {
    super(uniqueId, check.id(), MethodSource.from(declaration.testClass().getName(), check.id()));
    this.declaration = declaration;
    this.check = check;
    this.configIndex = configIndex;
    this.order = order;
    this.tags = check.tags().stream().map(TestTag::create).collect(Collectors.toUnmodifiableSet());
  }

  public Check check() {
    return check;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  /**
   * The check id, with the config number when the trainable declares several: "save-restore[2]".
   */
  @Override
  public String getLegacyReportingName() {
    return declaration.configs().size() > 1
        ? check.id() + "[" + (configIndex + 1) + "]"
        : check.id();
  }

  @Override
  public SkipResult shouldBeSkipped(TrainUnitContext context) {
    return skipReason(context).map(SkipResult::skip).orElse(SkipResult.doNotSkip());
  }

  private Optional<String> skipReason(TrainUnitContext context) {
    if (declaration.skipped().contains(check.id())) {
      String why =
          declaration.skipReason().isEmpty() ? "no reason given" : declaration.skipReason();
      return Optional.of(
          "skipped by @Trainable(skip) on " + declaration.testClass().getSimpleName() + ": " + why);
    }
    if (context.settings().excludedChecks().contains(check.id())) {
      return Optional.of("excluded by configuration parameter trainunit.checks.exclude");
    }
    return check.skipReason(context.subject(configIndex));
  }

  /**
   * The checks that run beside this one for the same config: the selected ones that are not
   * skipped. The fuzz check spends the step budget they leave.
   */
  private List<Check> checksBeside(TrainUnitContext context) {
    return getParent()
        .map(
            p ->
                p.getChildren().stream()
                    .filter(CheckDescriptor.class::isInstance)
                    .map(CheckDescriptor.class::cast)
                    .filter(c -> c != this && c.skipReason(context).isEmpty())
                    .map(CheckDescriptor::check)
                    .toList())
        .orElse(List.of());
  }

  @Override
  public TrainUnitContext execute(TrainUnitContext context, DynamicTestExecutor dynamicTestExecutor)
      throws Exception {
    TrialSubject subject = context.subject(configIndex);
    try (CheckContext checkContext =
        new CheckContext(
            subject,
            checksBeside(context),
            (key, value) ->
                context
                    .listener()
                    .reportingEntryPublished(this, ReportEntry.from(Map.of(key, value))))) {
      check.run(checkContext);
    }
    return context;
  }

  /**
   * Records the verdict for the report; called once the node has finished, from whichever thread
   * ran it.
   */
  @Override
  public void nodeFinished(
      TrainUnitContext context, TestDescriptor testDescriptor, TestExecutionResult result) {
    if (context != null)
      context.record().checkFinished(declaration, configIndex, order, check, result);
  }

  @Override
  public void nodeSkipped(
      TrainUnitContext context, TestDescriptor testDescriptor, SkipResult result) {
    if (context != null) {
      context
          .record()
          .checkSkipped(
              declaration, configIndex, order, check, result.getReason().orElse("no reason given"));
    }
  }
}

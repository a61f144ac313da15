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
 * and needs ({@link Check#tags()}).
 *
 * <p>Its source is {@code MethodSource(testClass, checkId)}, a method that does not exist: a check
 * is not a Java method, so {@link MethodSource#getJavaMethod()} cannot resolve it, and an IDE that
 * looks the method up finds nothing to open (the class is one level up, on the container, whose
 * source resolves). It is a method source all the same, naming the check, because that is what the
 * build tools read: Surefire's {@code -Dtest='LogRegTest#save-restore'} is a post-discovery filter
 * on {@code MethodSource}'s class and method name (it keeps every test with any other source, so
 * with a {@code ClassSource} it would run every check), Surefire's XML takes the test case's name
 * from it (empty without one), and Gradle's {@code --tests 'LogRegTest.save-restore'} matches it
 * the same way. A real method of the test class would resolve, but there is none to name: a
 * {@code @Trainable} class is usually empty.
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
   * The check id; when the trainable declares several configs, with what tells this config from the
   * others and its number: "save-restore(lr=0.01)[2]" (or "save-restore[2]" when the configs do not
   * differ). Surefire's XML names the test case by it. The shape is Jupiter's for a parameterized
   * test, "method(...)[n]", on purpose: Surefire takes the legacy name for the XML only when it
   * ends in "[n]", and otherwise the bare method name, which all configs share.
   */
  @Override
  public String getLegacyReportingName() {
    if (declaration.configs().size() <= 1) return check.id();
    String form = declaration.configShortForm(configIndex);
    return check.id() + (form.isEmpty() ? "" : "(" + form + ")") + "[" + (configIndex + 1) + "]";
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

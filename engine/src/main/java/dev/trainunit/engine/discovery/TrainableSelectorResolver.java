package dev.trainunit.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.trainunit.annotations.Trainable;
import dev.trainunit.engine.check.Check;
import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.descriptor.CheckDescriptor;
import dev.trainunit.engine.descriptor.ConfigDescriptor;
import dev.trainunit.engine.descriptor.DeclarationErrorDescriptor;
import dev.trainunit.engine.descriptor.InvalidDeclarationDescriptor;
import dev.trainunit.engine.descriptor.TrainableDescriptor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Turns selectors into the TrainUnit test tree. A class, a unique id and a method selector all
 * resolve through the same steps: the trainable container first, then the config container (when
 * there are several configs), then the check. So every unique id the engine hands out re-resolves
 * to the same node, and selecting one check (an IDE's "rerun", Surefire's {@code Class#check})
 * builds only that check.
 */
@API(status = API.Status.INTERNAL)
public final class TrainableSelectorResolver implements SelectorResolver {

  private final DeclarationReader reader;
  private final CheckCatalog catalog;
  private final DiscoveryIssueReporter issues;
  private final Predicate<String> classNameFilter;

  public TrainableSelectorResolver(
      DeclarationReader reader,
      CheckCatalog catalog,
      DiscoveryIssueReporter issues,
      Predicate<String> classNameFilter) {
    this.reader = reader;
    this.catalog = catalog;
    this.issues = issues;
    this.classNameFilter = classNameFilter;
  }

  /**
   * The classes this engine claims: those annotated (directly or by inheritance) with
   * {@code @Trainable}.
   */
  public static boolean isTrainableTestClass(Class<?> c) {
    return !c.isAnnotation()
        && !c.isInterface()
        && !c.isAnonymousClass()
        && !c.isLocalClass()
        && AnnotationSupport.isAnnotated(c, Trainable.class);
  }

  @Override
  public Resolution resolve(ClassSelector selector, Context context) {
    Class<?> c = selector.getJavaClass();
    if (!isTrainableTestClass(c) || !classNameFilter.test(c.getName()))
      return Resolution.unresolved();
    return toResolution(resolveTrainable(c, context));
  }

  @Override
  public Resolution resolve(MethodSelector selector, Context context) {
    Class<?> c = selector.getJavaClass();
    if (!isTrainableTestClass(c) || catalog.find(selector.getMethodName()).isEmpty())
      return Resolution.unresolved();
    // Resolved through the context, so the container is the one every other selector of this class
    // gets.
    Optional<TestDescriptor> container = context.resolve(DiscoverySelectors.selectClass(c));
    if (container.isPresent() && container.get() instanceof InvalidDeclarationDescriptor invalid) {
      // A check of a class that cannot be tested: the selected check fails as the whole class does.
      return Resolution.selectors(Set.of(selectUniqueId(invalid.errorId())));
    }
    if (container.isEmpty() || !(container.get() instanceof TrainableDescriptor td))
      return Resolution.unresolved();
    Set<DiscoverySelector> checks = new LinkedHashSet<>();
    for (UniqueId parent : checkParents(td)) {
      checks.add(selectUniqueId(parent.append(CheckDescriptor.SEGMENT, selector.getMethodName())));
    }
    return Resolution.selectors(checks);
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId id = selector.getUniqueId();
    List<UniqueId.Segment> segments = id.getSegments();
    UniqueId.Segment last = id.getLastSegment();
    if (segments.size() == 2 && last.getType().equals(TrainableDescriptor.SEGMENT)) {
      return ReflectionSupport.tryToLoadClass(last.getValue())
          .toOptional()
          .filter(TrainableSelectorResolver::isTrainableTestClass)
          .map(c -> toResolution(resolveTrainable(c, context)))
          .orElse(Resolution.unresolved());
    }
    if (segments.size() < 3) return Resolution.unresolved();
    UniqueId parentId = id.removeLastSegment();
    if (last.getType().equals(ConfigDescriptor.SEGMENT)) {
      return toResolution(
          context.addToParent(
              () -> selectUniqueId(parentId), parent -> configNode(parent, last.getValue())));
    }
    if (last.getType().equals(DeclarationErrorDescriptor.SEGMENT)) {
      return toResolution(
          context.addToParent(() -> selectUniqueId(parentId), parent -> errorNode(parent, id)));
    }
    if (last.getType().equals(CheckDescriptor.SEGMENT)) {
      return toResolution(
          context.addToParent(
              () -> selectUniqueId(parentId), parent -> checkNode(parent, last.getValue())));
    }
    return Resolution.unresolved();
  }

  private Optional<TestDescriptor> resolveTrainable(Class<?> c, Context context) {
    return context.addToParent(parent -> Optional.of(newTrainableNode(parent.getUniqueId(), c)));
  }

  private TestDescriptor newTrainableNode(UniqueId engineId, Class<?> c) {
    UniqueId id = engineId.append(TrainableDescriptor.SEGMENT, c.getName());
    DeclarationReader.Outcome outcome;
    try {
      outcome = reader.read(c);
    } catch (RuntimeException | LinkageError e) {
      outcome = new DeclarationReader.Invalid(c, List.of("reading the declaration failed: " + e));
    }
    if (outcome instanceof DeclarationReader.Invalid invalid) {
      issues.reportIssue(
          DiscoveryIssue.builder(Severity.WARNING, invalid.message()).source(ClassSource.from(c)));
      return new InvalidDeclarationDescriptor(id, c, invalid.message());
    }
    return new TrainableDescriptor(id, ((DeclarationReader.Valid) outcome).declaration());
  }

  private static Optional<DeclarationErrorDescriptor> errorNode(
      TestDescriptor parent, UniqueId id) {
    if (!(parent instanceof InvalidDeclarationDescriptor invalid) || !invalid.errorId().equals(id))
      return Optional.empty();
    return Optional.of(new DeclarationErrorDescriptor(invalid));
  }

  private Optional<ConfigDescriptor> configNode(TestDescriptor parent, String value) {
    if (!(parent instanceof TrainableDescriptor td) || !td.hasConfigContainers())
      return Optional.empty();
    int index = parseIndex(value, td.declaration().configs().size());
    if (index < 0) return Optional.empty();
    return Optional.of(
        new ConfigDescriptor(
            parent.getUniqueId().append(ConfigDescriptor.SEGMENT, value), td.declaration(), index));
  }

  private Optional<CheckDescriptor> checkNode(TestDescriptor parent, String checkId) {
    Optional<Check> check = catalog.find(checkId);
    if (check.isEmpty()) return Optional.empty();
    UniqueId id = parent.getUniqueId().append(CheckDescriptor.SEGMENT, checkId);
    if (parent instanceof TrainableDescriptor td && !td.hasConfigContainers()) {
      return Optional.of(
          new CheckDescriptor(id, td.declaration(), check.get(), 0, catalog.position(checkId)));
    }
    if (parent instanceof ConfigDescriptor cd
        && cd.getParent().orElse(null) instanceof TrainableDescriptor td) {
      return Optional.of(
          new CheckDescriptor(
              id, td.declaration(), check.get(), cd.configIndex(), catalog.position(checkId)));
    }
    return Optional.empty();
  }

  private static int parseIndex(String value, int count) {
    try {
      int n = Integer.parseInt(value);
      return n >= 1 && n <= count ? n - 1 : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Where the checks of a trainable hang: the trainable itself, or each of its config containers.
   */
  private static List<UniqueId> checkParents(TrainableDescriptor td) {
    if (!td.hasConfigContainers()) return List.of(td.getUniqueId());
    return IntStream.rangeClosed(1, td.declaration().configs().size())
        .mapToObj(i -> td.getUniqueId().append(ConfigDescriptor.SEGMENT, String.valueOf(i)))
        .toList();
  }

  private Resolution toResolution(Optional<? extends TestDescriptor> descriptor) {
    return descriptor
        .map(d -> Resolution.match(Match.exact(d, () -> childSelectors(d))))
        .orElse(Resolution.unresolved());
  }

  private Set<? extends DiscoverySelector> childSelectors(TestDescriptor d) {
    Set<DiscoverySelector> children = new LinkedHashSet<>();
    if (d instanceof InvalidDeclarationDescriptor invalid) {
      children.add(selectUniqueId(invalid.errorId()));
    } else if (d instanceof TrainableDescriptor td && td.hasConfigContainers()) {
      checkParents(td).forEach(id -> children.add(selectUniqueId(id)));
    } else if (d instanceof TrainableDescriptor || d instanceof ConfigDescriptor) {
      for (Check check : catalog.all())
        children.add(selectUniqueId(d.getUniqueId().append(CheckDescriptor.SEGMENT, check.id())));
    }
    return children;
  }
}

package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.descriptor.ConfigDescriptor;
import dev.trainunit.engine.descriptor.TrainableDescriptor;
import dev.trainunit.engine.fixtures.BadDeclarations;
import dev.trainunit.engine.fixtures.ConfigNames;
import dev.trainunit.engine.fixtures.CorrectModel;
import dev.trainunit.engine.fixtures.CorrectModelTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.PackageNameFilter;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.CompositeTestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class DiscoveryTest {

  @TempDir Path output;

  @Test
  void aTrainableWithOneConfigHasOneNodePerCheck() {
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .selectors(selectClass(CorrectModelTest.class))
            .discover()
            .getEngineDescriptor();
    TestDescriptor trainable = single(root.getChildren());
    assertThat(trainable.getUniqueId().toString())
        .isEqualTo("[engine:trainunit]/[trainable:" + CorrectModelTest.class.getName() + "]");
    assertThat(trainable.getSource()).contains(ClassSource.from(CorrectModelTest.class));
    assertThat(trainable.getChildren())
        .extracting(TestDescriptor::getDisplayName)
        .containsExactlyElementsOf(CheckCatalog.standard().ids());
    assertThat(trainable.getChildren())
        .allSatisfy(
            check ->
                assertThat(check.getSource().orElseThrow())
                    .isEqualTo(
                        MethodSource.from(
                            CorrectModelTest.class.getName(), check.getDisplayName())));
  }

  @Test
  void severalConfigsGetAContainerEach() {
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .selectors(selectClass(CorrectModel.class))
            .discover()
            .getEngineDescriptor();
    TestDescriptor trainable = single(root.getChildren());
    assertThat(trainable.getChildren())
        .extracting(TestDescriptor::getDisplayName)
        .containsExactly("config 1 {\"lr\":0.05}", "config 2 {\"lr\":0.02,\"momentum\":0.5}");
    assertThat(trainable.getChildren())
        .allSatisfy(
            config ->
                assertThat(config.getChildren()).hasSize(CheckCatalog.standard().ids().size()));
  }

  @Test
  void everyContainersSourceResolvesToTheTestClassAndEveryCheckIsAMethodSourceNamingIt() {
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .selectors(selectClass(CorrectModel.class), selectClass(CorrectModelTest.class))
            .discover()
            .getEngineDescriptor();
    for (TestDescriptor node : root.getDescendants()) {
      TestSource source =
          node.getSource().orElseThrow(() -> new AssertionError(node + " has none"));
      Class<?> testClass =
          node.getUniqueId().toString().contains(CorrectModelTest.class.getName())
              ? CorrectModelTest.class
              : CorrectModel.class;
      if (node instanceof TrainableDescriptor) {
        assertThat(((ClassSource) source).getJavaClass()).isEqualTo(testClass);
      } else if (node instanceof ConfigDescriptor) {
        // Not a ClassSource itself, for Surefire (see ConfigDescriptor); the class it holds is.
        assertThat(source).isNotInstanceOf(ClassSource.class);
        assertThat(((CompositeTestSource) source).getSources())
            .singleElement()
            .satisfies(s -> assertThat(((ClassSource) s).getJavaClass()).isEqualTo(testClass));
      } else {
        // What Surefire's -Dtest='Class#check' filter and XML names read: class and check id.
        MethodSource method = (MethodSource) source;
        assertThat(method.getJavaClass()).isEqualTo(testClass);
        assertThat(method.getMethodName()).isEqualTo(node.getDisplayName());
      }
    }
  }

  @Test
  void eachCheckIsTaggedWithWhatItCostsAndNeeds() {
    TestDescriptor trainable =
        single(
            EngineTestKitSupport.engine(output)
                .selectors(selectClass(CorrectModelTest.class))
                .discover()
                .getEngineDescriptor()
                .getChildren());
    for (TestDescriptor check : trainable.getChildren()) {
      assertThat(check.getTags())
          .extracting(TestTag::getName)
          .as(check.getDisplayName())
          .containsExactlyInAnyOrderElementsOf(
              CheckCatalog.standard().find(check.getDisplayName()).orElseThrow().tags());
    }
    assertThat(tagsOf(trainable, "fresh-jvm-restore"))
        .containsExactlyInAnyOrder("fresh-jvm", "slow", "checkpoint");
    assertThat(tagsOf(trainable, "lifecycle-fuzz"))
        .containsExactlyInAnyOrder("fuzz", "slow", "checkpoint");
    assertThat(tagsOf(trainable, "cleanup")).containsExactly("slow");
    assertThat(tagsOf(trainable, "save-restore")).containsExactly("checkpoint");
    assertThat(tagsOf(trainable, "lifecycle")).isEmpty();
    assertThat(trainable.getTags()).isEmpty();
  }

  private static List<String> tagsOf(TestDescriptor trainable, String check) {
    return trainable.getChildren().stream()
        .filter(c -> c.getDisplayName().equals(check))
        .findFirst()
        .orElseThrow()
        .getTags()
        .stream()
        .map(TestTag::getName)
        .toList();
  }

  @Test
  void anExcludeTagFilterLeavesTheTaggedChecksOutUnderEveryConfig() {
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .selectors(selectClass(CorrectModel.class))
            .filters(TagFilter.excludeTags("slow"))
            .discover()
            .getEngineDescriptor();
    List<String> checks =
        root.getDescendants().stream()
            .filter(TestDescriptor::isTest)
            .map(TestDescriptor::getDisplayName)
            .toList();
    assertThat(checks)
        .hasSize(2 * (CheckCatalog.standard().ids().size() - 3))
        .doesNotContain("cleanup", "fresh-jvm-restore", "lifecycle-fuzz");
  }

  @Test
  void withSeveralConfigsTheReportingNameSaysWhatSetsTheConfigApartAndItsNumber() {
    assertThat(reportingNames(CorrectModel.class, "save-restore"))
        .containsExactly("save-restore(lr=0.05)[1]", "save-restore(lr=0.02,momentum=0.5)[2]");
    assertThat(reportingNames(ConfigNames.SharedKey.class, "lifecycle"))
        .containsExactly(
            "lifecycle(lr=0.1,optimizer=adam)[1]", "lifecycle(lr=0.01,optimizer=sgd)[2]");
    assertThat(reportingNames(ConfigNames.SameTwice.class, "lifecycle"))
        .containsExactly("lifecycle[1]", "lifecycle[2]");
    assertThat(reportingNames(ConfigNames.LongValue.class, "lifecycle"))
        .containsExactly(
            "lifecycle(lr=0.1,note=a very long note that no...)[1]", "lifecycle(lr=0.2)[2]");
    assertThat(reportingNames(CorrectModelTest.class, "save-restore"))
        .containsExactly("save-restore");
  }

  private List<String> reportingNames(Class<?> testClass, String check) {
    return EngineTestKitSupport.engine(output)
        .selectors(selectMethod(testClass.getName(), check))
        .discover()
        .getEngineDescriptor()
        .getDescendants()
        .stream()
        .filter(TestDescriptor::isTest)
        .map(TestDescriptor::getLegacyReportingName)
        .toList();
  }

  @Test
  void everyUniqueIdReResolvesToTheSameNodeAndOnlyThatNode() {
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .selectors(selectClass(CorrectModel.class))
            .discover()
            .getEngineDescriptor();
    List<TestDescriptor> all =
        root.getDescendants().stream().map(TestDescriptor.class::cast).toList();
    for (TestDescriptor node : all) {
      TestDescriptor again =
          EngineTestKitSupport.engine(output)
              .selectors(selectUniqueId(node.getUniqueId()))
              .discover()
              .getEngineDescriptor();
      assertThat(again.findByUniqueId(node.getUniqueId()))
          .as(node.getUniqueId().toString())
          .isPresent();
      if (node.isTest()) {
        assertThat(again.getDescendants().stream().filter(TestDescriptor::isTest))
            .as(node.getUniqueId().toString())
            .hasSize(1);
      }
    }
  }

  @Test
  void aMethodSelectorWithACheckIdSelectsThatCheckOnly() {
    EngineExecutionResults results =
        EngineTestKitSupport.engine(output)
            .selectors(selectMethod(CorrectModelTest.class.getName(), "save-restore"))
            .execute();
    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(results.testEvents().started().list().get(0).getTestDescriptor().getDisplayName())
        .isEqualTo("save-restore");
  }

  @Test
  void aMethodSelectorOnATrainableWithSeveralConfigsSelectsTheCheckUnderEach() {
    EngineExecutionResults results =
        EngineTestKitSupport.engine(output)
            .selectors(selectMethod(CorrectModel.class.getName(), "determinism"))
            .execute();
    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void packageSelectionHonoursClassNameFilters() {
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .selectors(selectPackage("dev.trainunit.engine.fixtures"))
            .filters(ClassNameFilter.includeClassNamePatterns(".*CorrectModel.*"))
            .discover()
            .getEngineDescriptor();
    assertThat(root.getChildren())
        .extracting(TestDescriptor::getDisplayName)
        .containsExactlyInAnyOrder("CorrectModel", "CorrectModelTest");
  }

  @Test
  void classpathRootSelectionFindsTrainablesAndHonoursPackageFilters() throws Exception {
    Path testClasses =
        Path.of(CorrectModelTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(testClasses)).get(0))
            .filters(
                PackageNameFilter.includePackageNames("dev.trainunit.engine.fixtures"),
                ClassNameFilter.includeClassNamePatterns(".*\\.CorrectModel(Test)?"))
            .discover()
            .getEngineDescriptor();
    assertThat(root.getChildren())
        .extracting(TestDescriptor::getDisplayName)
        .containsExactlyInAnyOrder("CorrectModel", "CorrectModelTest");

    TestDescriptor excluded =
        EngineTestKitSupport.engine(output)
            .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(testClasses)).get(0))
            .filters(PackageNameFilter.excludePackageNames("dev.trainunit.engine.fixtures"))
            .discover()
            .getEngineDescriptor();
    assertThat(excluded.getChildren()).isEmpty();
  }

  static final Supplier<Stream<Arguments>> BAD_DECLARATIONS =
      () ->
          Stream.of(
              Arguments.of(
                  BadDeclarations.NotATrainableWithoutValue.class,
                  "does not extend dev.trainunit.AbstractTrainable and @Trainable names no trainable"),
              Arguments.of(
                  BadDeclarations.ValueNotATrainable.class,
                  "@Trainable(java.lang.String.class) names a class that does not extend"),
              Arguments.of(BadDeclarations.AbstractTrainableClass.class, "is abstract"),
              Arguments.of(
                  BadDeclarations.NoDefaultConstructor.class, "has no no-argument constructor"),
              Arguments.of(
                  BadDeclarations.ZeroIterations.class, "iterations must be at least 1, was 0"),
              Arguments.of(
                  BadDeclarations.MalformedConfig.class, "config[0]: malformed config JSON"),
              Arguments.of(
                  BadDeclarations.UnknownSkippedCheck.class,
                  "skip names unknown check 'save-restroe'"),
              Arguments.of(
                  BadDeclarations.NegativeTolerance.class,
                  "tolerance must be a finite number >= 0, was -0.1"),
              Arguments.of(
                  BadDeclarations.BlockingConfigFactory.class,
                  "configFactory method configs() did not return within PT0.3S (the step timeout;"),
              Arguments.of(
                  BadDeclarations.UnknownDerivedFields.class,
                  "derivedFields: 'velocity' is not a field of "
                      + BadDeclarations.UnknownDerivedFields.class.getName()
                      + " or its superclasses below AbstractTrainable"));

  @ParameterizedTest
  @FieldSource("BAD_DECLARATIONS")
  void aBadDeclarationIsADiscoveryIssueAndAFailingNode(Class<?> bad, String reason) {
    EngineDiscoveryResults discovery =
        EngineTestKitSupport.engine(output).selectors(selectClass(bad)).discover();
    assertThat(discovery.getDiscoveryIssues())
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
              assertThat(issue.message()).contains(bad.getName()).contains(reason);
              assertThat(issue.source()).contains(ClassSource.from(bad));
            });
    EngineExecutionResults results =
        EngineTestKitSupport.engine(output).selectors(selectClass(bad)).execute();
    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(
            results
                .testEvents()
                .failed()
                .list()
                .get(0)
                .getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow()
                .getMessage())
        .isEqualTo(discovery.getDiscoveryIssues().get(0).message());
  }

  @Test
  void aBadDeclarationIsAContainerWithTheClassSourceHoldingOneFailingTestNamedAfterTheClass() {
    // Surefire names and counts a test only below a container with a class source; a lone test
    // below the engine root would be dropped and the build would pass with "Tests run: 0".
    Class<?> bad = BadDeclarations.UnknownSkippedCheck.class;
    TestDescriptor container =
        single(
            EngineTestKitSupport.engine(output)
                .selectors(selectClass(bad))
                .discover()
                .getEngineDescriptor()
                .getChildren());
    assertThat(container.isContainer()).isTrue();
    assertThat(container.getSource()).contains(ClassSource.from(bad));
    assertThat(container.getLegacyReportingName()).isEqualTo(bad.getName());
    TestDescriptor test = single(container.getChildren());
    assertThat(test.isTest()).isTrue();
    assertThat(test.getLegacyReportingName()).isEqualTo(bad.getSimpleName());
    assertThat(test.getUniqueId().toString())
        .isEqualTo("[engine:trainunit]/[trainable:" + bad.getName() + "]/[declaration:invalid]");
  }

  @Test
  void theFailingTestOfABadDeclarationReResolvesFromItsUniqueId() {
    UniqueId id =
        UniqueId.parse(
            "[engine:trainunit]/[trainable:"
                + BadDeclarations.MalformedConfig.class.getName()
                + "]/[declaration:invalid]");
    EngineExecutionResults results =
        EngineTestKitSupport.engine(output).selectors(selectUniqueId(id)).execute();
    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(results.testEvents().failed().list().get(0).getTestDescriptor().getUniqueId())
        .isEqualTo(id);
  }

  @Test
  void selectingOneCheckOfABadDeclarationRunsItsFailingTest() {
    // What -Dtest='BadTest#save-restore' asks for: the class cannot be tested, and says why.
    EngineExecutionResults results =
        EngineTestKitSupport.engine(output)
            .selectors(
                selectMethod(BadDeclarations.NegativeTolerance.class.getName(), "save-restore"))
            .execute();
    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(
            results
                .testEvents()
                .failed()
                .list()
                .get(0)
                .getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow()
                .getMessage())
        .contains("tolerance must be a finite number >= 0");
  }

  @Test
  void anExplicitIterationsOfTenWinsOverTheEngineWideDefault() {
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .configurationParameter("trainunit.iterations", "3")
            .selectors(
                selectClass(BadDeclarations.ExplicitlyTenIterations.class),
                selectClass(BadDeclarations.ZeroIterations.class),
                selectClass(BadDeclarations.UnsetIterations.class))
            .discover()
            .getEngineDescriptor();
    assertThat(root.getChildren())
        .filteredOn(TrainableDescriptor.class::isInstance)
        .extracting(d -> ((TrainableDescriptor) d).declaration())
        .extracting(d -> d.testClass().getSimpleName() + "=" + d.iterations())
        .containsExactlyInAnyOrder("ExplicitlyTenIterations=10", "UnsetIterations=3");
  }

  @Test
  void everyDerivedFieldThatIsNoFieldIsNamedWithWhy() {
    EngineDiscoveryResults discovery =
        EngineTestKitSupport.engine(output)
            .selectors(selectClass(BadDeclarations.UnknownDerivedFields.class))
            .discover();
    assertThat(discovery.getDiscoveryIssues())
        .singleElement()
        .satisfies(
            issue ->
                assertThat(issue.message())
                    .contains("'velocity' is not a field of")
                    .contains(
                        "below AbstractTrainable (fields: [cache, window, w, b, vw, vb, rng, lr, momentum])")
                    .contains(
                        "'window.scrach' is not a field of "
                            + BadDeclarations.WithScratch.Window.class.getName()
                            + ", the type of 'window' (fields: [scratch])")
                    .contains(
                        "'window..scratch' is not a field name or a dotted path of field names")
                    .contains(
                        "'w.bits' goes into 'w', a double, whose fields are not compared one by one"));
  }

  @Test
  void derivedFieldsThatExistAreReadIntoTheDeclaration() {
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .selectors(selectClass(BadDeclarations.DeclaredDerivedFields.class))
            .discover()
            .getEngineDescriptor();
    assertThat(root.getChildren())
        .singleElement()
        .isInstanceOfSatisfying(
            TrainableDescriptor.class,
            d ->
                assertThat(d.declaration().derivedFields())
                    .containsExactlyInAnyOrder("cache", "momentum", "window.scratch"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "trainunit.step.timeout|abc",
        "trainunit.iterations|ten",
        "trainunit.fuzz.runs|0",
        "trainunit.fresh-jvm.enabled|yes"
      })
  void aConfigurationParameterThatCannotBeReadIsAnErrorNamingTheKeyAndTheValue(
      String key, String value) {
    EngineDiscoveryResults discovery =
        EngineTestKitSupport.engine(output)
            .configurationParameter(key, value)
            .selectors(selectClass(CorrectModelTest.class))
            .discover();
    assertThat(discovery.getDiscoveryIssues())
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
              assertThat(issue.message()).contains(key).contains("'" + value + "'");
            });
  }

  @Test
  void malformedConfigJsonNamesThePosition() {
    EngineDiscoveryResults discovery =
        EngineTestKitSupport.engine(output)
            .selectors(selectClass(BadDeclarations.MalformedConfig.class))
            .discover();
    assertThat(discovery.getDiscoveryIssues().get(0).message())
        .contains("line 1, column")
        .contains("{\"lr\": 0.1,, }");
  }

  @Test
  void otherClassesStillRunBesideABadDeclaration() {
    EngineExecutionResults results =
        EngineTestKitSupport.engine(output)
            .selectors(
                selectClass(BadDeclarations.ZeroIterations.class),
                selectClass(BadDeclarations.Valid.class))
            .configurationParameter(
                "trainunit.checks.exclude", "lifecycle-fuzz,fresh-jvm-restore,cleanup,export-model")
            .execute();
    assertThat(results.testEvents().failed().list()).hasSize(1);
    assertThat(results.testEvents().succeeded().list()).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void anExcludedCheckIsSkippedWithTheReason() {
    EngineExecutionResults results =
        EngineTestKitSupport.engine(output)
            .selectors(selectMethod(CorrectModelTest.class.getName(), "determinism"))
            .configurationParameter("trainunit.checks.exclude", "determinism")
            .execute();
    assertThat(results.testEvents().skipped().list())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getPayload(String.class).orElseThrow())
                    .contains("trainunit.checks.exclude"));
  }

  @Test
  void theEngineIsFoundByTheLauncherUnderItsId() {
    EngineExecutionResults results =
        EngineTestKit.engine("trainunit")
            .configurationParameter("trainunit.output.dir", output.toString())
            .selectors(selectMethod(CorrectModelTest.class.getName(), "lifecycle"))
            .execute();
    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
  }

  private static TestDescriptor single(Set<? extends TestDescriptor> nodes) {
    assertThat(nodes).hasSize(1);
    return nodes.iterator().next();
  }

  @SuppressWarnings("unused")
  private static UniqueId id(String s) {
    return UniqueId.parse(s);
  }
}

package dev.trainunit.engine;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.trainunit.engine.config.Constants;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages import one way, read from the compiled main classes; the order, top to
 * bottom, is the one {@code package-info.java} of {@code dev.trainunit.engine} draws:
 *
 * <pre>
 *   engine (the root package: TrainUnitTestEngine)
 *   discovery
 *   descriptor
 *   execution
 *   report
 *   check
 *   check.fuzz    check.content
 *   run
 *   config
 * </pre>
 *
 * <p>A package may import any package below it, never one above (nor one beside it: fuzz and
 * content do not import each other). A new package fails {@link #noCycleBetweenPackages()} only on
 * a cycle; give it its place in {@link #packagesImportDownwardsOnly()} and its package-info.
 */
class ArchitectureTest {

  private static final String ROOT = "dev.trainunit.engine";

  private static JavaClasses engine;

  @BeforeAll
  static void importMainClasses() {
    engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);
  }

  @Test
  void packagesImportDownwardsOnly() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("engine")
        .definedBy(ROOT)
        .layer("discovery")
        .definedBy(ROOT + ".discovery..")
        .layer("descriptor")
        .definedBy(ROOT + ".descriptor..")
        .layer("execution")
        .definedBy(ROOT + ".execution..")
        .layer("report")
        .definedBy(ROOT + ".report..")
        .layer("check")
        .definedBy(ROOT + ".check")
        .layer("check.fuzz")
        .definedBy(ROOT + ".check.fuzz..")
        .layer("check.content")
        .definedBy(ROOT + ".check.content..")
        .layer("run")
        .definedBy(ROOT + ".run..")
        .layer("config")
        .definedBy(ROOT + ".config..")
        .whereLayer("engine")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("discovery")
        .mayOnlyBeAccessedByLayers("engine")
        .whereLayer("descriptor")
        .mayOnlyBeAccessedByLayers("engine", "discovery")
        .whereLayer("execution")
        .mayOnlyBeAccessedByLayers("engine", "discovery", "descriptor")
        .whereLayer("report")
        .mayOnlyBeAccessedByLayers("engine", "discovery", "descriptor", "execution")
        .whereLayer("check")
        .mayOnlyBeAccessedByLayers("engine", "discovery", "descriptor", "execution", "report")
        .whereLayer("check.fuzz")
        .mayOnlyBeAccessedByLayers(
            "engine", "discovery", "descriptor", "execution", "report", "check")
        .whereLayer("check.content")
        .mayOnlyBeAccessedByLayers(
            "engine", "discovery", "descriptor", "execution", "report", "check")
        .whereLayer("run")
        .mayOnlyBeAccessedByLayers(
            "engine",
            "discovery",
            "descriptor",
            "execution",
            "report",
            "check",
            "check.fuzz",
            "check.content")
        .whereLayer("config")
        .mayOnlyBeAccessedByLayers(
            "engine",
            "discovery",
            "descriptor",
            "execution",
            "report",
            "check",
            "check.fuzz",
            "check.content",
            "run")
        .check(engine);
  }

  /**
   * Each package is a slice of its own (check and check.fuzz are two), so no two may import each
   * other.
   */
  @Test
  void noCycleBetweenPackages() {
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass c) {
                // Core, the JUnit Platform and the JDK are no package of the engine's.
                String pkg = c.getPackageName();
                return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".")
                    ? SliceIdentifier.of(pkg)
                    : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "the engine's packages";
              }
            })
        .should()
        .beFreeOfCycles()
        .check(engine);
  }

  /**
   * Every public type says, with {@code @API}, whether users may rely on it: only the engine itself
   * (JUnit loads it) and the configuration keys are {@code STABLE}; every other public type is
   * public only for another engine package and says {@code INTERNAL}. Whatever can be
   * package-private is.
   */
  @Test
  void everyPublicTypeDeclaresItsApiStatus() {
    classes()
        .that()
        .arePublic()
        .and()
        .areTopLevelClasses()
        .should()
        .beAnnotatedWith(API.class)
        .check(engine);
    classes()
        .that()
        .arePublic()
        .and()
        .areTopLevelClasses()
        .and()
        .doNotBelongToAnyOf(TrainUnitTestEngine.class, Constants.class)
        .should()
        .beAnnotatedWith(
            describe(
                "@API(status = INTERNAL)",
                (JavaAnnotation<?> a) ->
                    a.getRawType().isEquivalentTo(API.class)
                        && a.as(API.class).status() == API.Status.INTERNAL))
        .check(engine);
  }
}

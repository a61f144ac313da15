package dev.trainunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's layers import one way, read from the compiled main classes:
 *
 * <pre>
 *   runtime    AbstractTrainable, TrainableFactory, Trial and their helpers in dev.trainunit
 *      |
 *   storage    logging     dev.trainunit.storage, dev.trainunit.logging (neither uses the other)
 *      |          |
 *   types      every other class of dev.trainunit: Config, Result, Checkpoint, the exceptions, ...
 *      |
 *   internal   dev.trainunit.internal, which uses nothing of TrainUnit
 * </pre>
 *
 * <p>The unit is the layer, not the package, because {@code dev.trainunit} holds two layers: the
 * types that storage and logging are written against ({@code ResultLogger.onResult(Result)}, {@code
 * CheckpointException}) and the runtime that drives them ({@code AbstractTrainable} uses {@code
 * TrialStorage}, {@code reset(Config, LoggerCreator)}); neither can leave the package without
 * breaking users' imports. A new class of {@code dev.trainunit} counts as a type until it is listed
 * in {@link #RUNTIME}.
 */
class ArchitectureTest {

  /** The classes of {@code dev.trainunit} (nested classes included) that drive a trainable. */
  static final Set<String> RUNTIME =
      Set.of(
          "AbstractTrainable",
          "TrainableFactory",
          "Trial",
          "TrainableHooks",
          "Lifecycle",
          "TrialResultLogs",
          "TrainBuffer");

  private static JavaClasses core;

  @BeforeAll
  static void importMainClasses() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.trainunit");
  }

  @Test
  void layersImportOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("runtime")
        .definedBy(inRootPackage(true))
        .layer("storage")
        .definedBy("dev.trainunit.storage..")
        .layer("logging")
        .definedBy("dev.trainunit.logging..")
        .layer("types")
        .definedBy(inRootPackage(false))
        .layer("internal")
        .definedBy("dev.trainunit.internal..")
        .whereLayer("runtime")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("storage")
        .mayOnlyBeAccessedByLayers("runtime")
        .whereLayer("logging")
        .mayOnlyBeAccessedByLayers("runtime")
        .whereLayer("types")
        .mayOnlyBeAccessedByLayers("runtime", "storage", "logging")
        .whereLayer("internal")
        .mayOnlyBeAccessedByLayers("runtime", "storage", "logging", "types")
        .check(core);
  }

  @Test
  void noCycleBetweenLayers() {
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass c) {
                // Jackson, the JDK and the other libraries core uses are no layer of core's.
                boolean inCore =
                    c.getPackageName().equals("dev.trainunit")
                        || c.getPackageName().startsWith("dev.trainunit.");
                return inCore ? SliceIdentifier.of(layerOf(c)) : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "core's layers";
              }
            })
        .should()
        .beFreeOfCycles()
        .check(core);
  }

  /** Every public type tells users, with {@code @API}, whether they may rely on it. */
  @Test
  void everyPublicTypeDeclaresItsApiStatus() {
    classes()
        .that()
        .arePublic()
        .and()
        .areTopLevelClasses()
        .should()
        .beAnnotatedWith(API.class)
        .check(core);
  }

  private static DescribedPredicate<JavaClass> inRootPackage(boolean runtime) {
    return DescribedPredicate.describe(
        runtime ? "the runtime of dev.trainunit" : "the types of dev.trainunit",
        c -> c.getPackageName().equals("dev.trainunit") && isRuntime(c) == runtime);
  }

  private static boolean isRuntime(JavaClass c) {
    String topLevel = c.getName().substring("dev.trainunit.".length()).split("\\$")[0];
    return RUNTIME.contains(topLevel);
  }

  private static String layerOf(JavaClass c) {
    String pkg = c.getPackageName();
    if (pkg.equals("dev.trainunit")) return isRuntime(c) ? "runtime" : "types";
    return pkg.substring("dev.trainunit.".length()).split("\\.")[0];
  }
}

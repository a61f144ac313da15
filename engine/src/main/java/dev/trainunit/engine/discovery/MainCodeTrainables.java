package dev.trainunit.engine.discovery;

import dev.trainunit.engine.descriptor.TrainableDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * Finds {@code @Trainable} classes in a build's main code, which Surefire and Gradle never run:
 * they hand the engine only the classes of the test output directory, so such a class is silently
 * untested. The engine can tell only where it sees a test output directory (the code source of a
 * selected class) with the build's main output beside it; there it scans the main output and warns
 * about every {@code @Trainable} class that no test class covers.
 */
@API(status = API.Status.INTERNAL)
public final class MainCodeTrainables {

  /**
   * Classes already warned about in this JVM. Surefire discovers once per test class before it runs
   * them all, and each discovery would repeat the same warning; once per JVM is enough.
   */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private MainCodeTrainables() {}

  public static List<DiscoveryIssue> issues(EngineDiscoveryRequest request, TestDescriptor engine) {
    Set<Class<?>> covered =
        engine.getChildren().stream()
            .filter(TrainableDescriptor.class::isInstance)
            .map(TrainableDescriptor.class::cast)
            .flatMap(d -> Stream.of(d.declaration().testClass(), d.declaration().trainableClass()))
            .collect(Collectors.toSet());
    Set<Path> mainDirs = new LinkedHashSet<>();
    for (ClassSelector selector : request.getSelectorsByType(ClassSelector.class)) {
      codeDirectory(selector.getJavaClass())
          .flatMap(MainCodeTrainables::mainBeside)
          .ifPresent(mainDirs::add);
    }
    return mainDirs.stream()
        .flatMap(
            dir ->
                ReflectionSupport.findAllClassesInClasspathRoot(
                        dir.toUri(), TrainableSelectorResolver::isTrainableTestClass, name -> true)
                    .stream()
                    .filter(c -> !covered.contains(c) && WARNED.add(c.getName()))
                    .map(c -> issue(c, dir)))
        .toList();
  }

  private static DiscoveryIssue issue(Class<?> c, Path mainDir) {
    String message =
        c.getName()
            + " is annotated @Trainable but lives in main code ("
            + mainDir
            + "), which Surefire and Gradle never hand to a test engine, so it is not tested. Declare it from test code "
            + "instead: @Trainable("
            + c.getSimpleName()
            + ".class) class "
            + c.getSimpleName()
            + "Test {} under src/test/java";
    return DiscoveryIssue.builder(Severity.WARNING, message).source(ClassSource.from(c)).build();
  }

  private static Optional<Path> codeDirectory(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) return Optional.empty();
    try {
      Path p = Path.of(source.getLocation().toURI());
      return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional
          .empty(); // not a file location (a jar in a remote class loader): nothing to tell
    }
  }

  /**
   * Maven's {@code target/classes} beside {@code target/test-classes}; Gradle's {@code main} beside
   * {@code test}.
   */
  private static Optional<Path> mainBeside(Path testDir) {
    String name = testDir.getFileName() == null ? "" : testDir.getFileName().toString();
    Path main = null;
    if (name.equals("test-classes")) {
      main = testDir.resolveSibling("classes");
    } else if (name.equals("test")
        && testDir.getParent() != null
        && testDir.getParent().getParent() != null
        && testDir.getParent().getParent().endsWith("classes")) {
      main = testDir.resolveSibling("main");
    }
    return Optional.ofNullable(main).filter(Files::isDirectory);
  }
}

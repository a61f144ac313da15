package dev.trainunit.examples.libraries;

import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the broken variants' declarations out of every launcher run: a {@code @Trainable} class
 * nested in a test class of this module is a broken variant, meant to fail, and only its test runs
 * it (through EngineTestKit, which uses no launcher and so no filter). Surefire leaves nested
 * classes out by itself, but not when {@code -Dtest} names a pattern that matches them ({@code
 * -Dtest='dev.trainunit.examples.**'}); an IDE's "run all tests in package" does not either.
 * Registered in {@code META-INF/services/org.junit.platform.launcher.PostDiscoveryFilter}.
 */
public final class BrokenVariantsOnlyThroughTestKit implements PostDiscoveryFilter {

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    Optional<Class<?>> declaration = declaringClass(descriptor);
    boolean nested =
        declaration.isPresent()
            && declaration.get().getEnclosingClass() != null
            && declaration.get().getPackageName().equals(getClass().getPackageName());
    return FilterResult.includedIf(
        !nested,
        () -> "included",
        () -> "a broken variant's declaration: run only by its test, through EngineTestKit");
  }

  private static Optional<Class<?>> declaringClass(TestDescriptor descriptor) {
    if (!descriptor.getUniqueId().getEngineId().map("trainunit"::equals).orElse(false)) {
      return Optional.empty();
    }
    TestSource source = descriptor.getSource().orElse(null);
    if (source instanceof ClassSource c) return Optional.of(c.getJavaClass());
    if (source instanceof MethodSource m) return Optional.of(m.getJavaClass());
    return Optional.empty();
  }
}

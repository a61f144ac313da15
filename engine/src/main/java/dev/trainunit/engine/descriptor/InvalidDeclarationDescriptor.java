package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.execution.TrainUnitContext;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Stands in for a {@code @Trainable} class whose declaration is wrong: a test that fails with the
 * reason, so that {@code mvn test} goes red instead of silently testing nothing.
 */
public final class InvalidDeclarationDescriptor extends AbstractTestDescriptor implements Node<TrainUnitContext> {

  private final String message;

  public InvalidDeclarationDescriptor(UniqueId uniqueId, Class<?> testClass, String message) {
    super(uniqueId, testClass.getSimpleName(), ClassSource.from(testClass));
    this.message = message;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public TrainUnitContext execute(TrainUnitContext context, DynamicTestExecutor dynamicTestExecutor) {
    throw new InvalidDeclarationException(message);
  }

  /** Thrown by the failing node of an invalid declaration. */
  public static final class InvalidDeclarationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidDeclarationException(String message) {
      super(message, null, false, false);
    }
  }
}

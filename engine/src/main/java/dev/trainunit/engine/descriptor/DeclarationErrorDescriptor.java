package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.execution.TrainUnitContext;
import org.apiguardian.api.API;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The one test of an {@link InvalidDeclarationDescriptor}: it fails with what is wrong with the
 * declaration. Named after the class, so that Surefire's XML and console say {@code
 * LogRegTest.LogRegTest} with the reason.
 */
@API(status = API.Status.INTERNAL)
public final class DeclarationErrorDescriptor extends AbstractTestDescriptor
    implements Node<TrainUnitContext> {

  public static final String SEGMENT = "declaration";
  static final String VALUE = "invalid";

  private final String className;
  private final String message;

  public DeclarationErrorDescriptor(InvalidDeclarationDescriptor parent) {
    // A method source, like a check's: Surefire takes the test case's name from it, and leaves the
    // name empty for a test with only a class source. The class has no method of that name
    // (getJavaMethod() fails); IntelliJ opens the class for a method named after it.
    super(
        parent.errorId(),
        parent.testClass().getSimpleName() + " (invalid @Trainable declaration)",
        MethodSource.from(parent.testClass().getName(), parent.testClass().getSimpleName()));
    this.className = parent.testClass().getSimpleName();
    this.message = parent.message();
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public String getLegacyReportingName() {
    return className;
  }

  @Override
  public TrainUnitContext execute(
      TrainUnitContext context, DynamicTestExecutor dynamicTestExecutor) {
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

package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.execution.TrainUnitContext;
import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * Stands in for a {@code @Trainable} class whose declaration is wrong: a container named after the
 * class, holding one {@link DeclarationErrorDescriptor} that fails with the reason, so that {@code
 * mvn test} goes red instead of silently testing nothing.
 *
 * <p>It is a container with a class source, like {@link TrainableDescriptor}, because Surefire
 * reports a test only under such a container: a lone test below the engine root is counted by the
 * console launcher but dropped by Surefire, which would turn a wrong declaration into "Tests run:
 * 0, BUILD SUCCESS".
 */
@API(status = API.Status.INTERNAL)
public final class InvalidDeclarationDescriptor extends AbstractTestDescriptor
    implements Node<TrainUnitContext> {

  private final Class<?> testClass;
  private final String message;

  public InvalidDeclarationDescriptor(UniqueId uniqueId, Class<?> testClass, String message) {
    super(uniqueId, testClass.getSimpleName(), ClassSource.from(testClass));
    this.testClass = testClass;
    this.message = message;
  }

  public Class<?> testClass() {
    return testClass;
  }

  /** What is wrong with the declaration, as the discovery issue says it. */
  public String message() {
    return message;
  }

  /** The unique id of the failing test below this container. */
  public UniqueId errorId() {
    return getUniqueId()
        .append(DeclarationErrorDescriptor.SEGMENT, DeclarationErrorDescriptor.VALUE);
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  /** Surefire's XML names the test class by this, as for a valid trainable. */
  @Override
  public String getLegacyReportingName() {
    return testClass.getName();
  }
}

package dev.trainunit.engine.check;

import dev.trainunit.engine.run.TrialSubject;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One property of the Trainable contract, proven against one trainable and config. Each check is
 * one test node named by its {@link #id()}; adding a check means adding a class that implements
 * this and listing it in {@link CheckCatalog}.
 *
 * <p>A check fails by throwing an {@link AssertionError} whose message says what diverged, where,
 * by how much, and the likely cause; it is skipped when {@link #skipReason} says so, or aborted
 * (with {@code org.opentest4j.TestAbortedException}) when it finds out at run time that it does not
 * apply.
 */
@API(status = API.Status.INTERNAL)
public interface Check {

  /**
   * The id users write in {@code skip} and {@code trainunit.checks.exclude}, e.g. {@code
   * "save-restore"}.
   */
  String id();

  /** One line for the README and the report: what a pass proves. */
  String description();

  /**
   * What running this check costs or needs, as JUnit tags on its test nodes, so that {@code
   * --exclude-tag}, Surefire's {@code excludedGroups} and Gradle's {@code excludeTags} can leave it
   * out: see {@link CheckTags} for the ones in use. None by default.
   */
  default Set<String> tags() {
    return Set.of();
  }

  /**
   * Why this check does not apply to {@code subject}, known before running anything; empty when it
   * applies.
   */
  default Optional<String> skipReason(TrialSubject subject) {
    return Optional.empty();
  }

  void run(CheckContext context) throws Exception;

  /**
   * The step() calls this check makes itself (its own instances and fresh JVMs, not the shared
   * runs) for the subject of {@code context}: what the fuzz check's budget leaves for it. Zero for
   * a check that only judges the shared runs.
   */
  default long plannedSteps(CheckContext context) {
    return 0;
  }

  /**
   * Whether it judges the shared buffered run (see {@code run.BufferedRun}), so that the budget
   * counts that run once.
   */
  default boolean usesBufferedRun() {
    return false;
  }
}

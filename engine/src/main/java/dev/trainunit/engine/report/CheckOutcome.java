package dev.trainunit.engine.report;

import dev.trainunit.engine.check.DivergenceFailure;
import java.util.Optional;

/**
 * What one check did against one trainable and config.
 *
 * @param id the check id, e.g. {@code save-restore}
 * @param description what a pass proves
 * @param order the check's position under its container, so the report lists checks as the tree does
 * @param status passed, failed, aborted or skipped
 * @param message the failure message, or the skip or abort reason; empty on a pass
 * @param divergence the failure, when the check failed because two metric streams parted
 */
public record CheckOutcome(String id, String description, int order, Status status, String message,
    Optional<DivergenceFailure> divergence) {

  /** The verdicts of a check. Aborted (found at run time not to apply) is counted with skipped. */
  public enum Status {
    PASSED("passed"), FAILED("failed"), ABORTED("aborted"), SKIPPED("skipped");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Whether the console and the report count it as skipped. */
    public boolean countsAsSkipped() {
      return this == ABORTED || this == SKIPPED;
    }
  }
}

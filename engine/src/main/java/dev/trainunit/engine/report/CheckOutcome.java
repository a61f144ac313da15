package dev.trainunit.engine.report;

import java.util.Comparator;
import java.util.Optional;

/**
 * What one check did against one trainable and config. Plain data, so that a report part can store
 * it and a later engine execution, or another fork, can render it.
 *
 * @param id the check id, e.g. {@code save-restore}
 * @param description what a pass proves
 * @param order the check's position in the check catalogue, so that the report lists checks as the
 *     tree does, the same in every execution
 * @param status passed, failed, aborted or skipped
 * @param message the failure message, or the skip or abort reason; empty on a pass
 * @param overlay what to draw when the check failed because two metric streams parted; null
 *     otherwise
 */
record CheckOutcome(
    String id, String description, int order, Status status, String message, Overlay overlay) {

  /** As the test tree lists checks. */
  static final Comparator<CheckOutcome> TREE_ORDER =
      Comparator.comparingInt(CheckOutcome::order).thenComparing(CheckOutcome::id);

  /** The overlay, when the check failed because two metric streams parted. */
  public Optional<Overlay> divergence() {
    return Optional.ofNullable(overlay);
  }

  /** The verdicts of a check. Aborted (found at run time not to apply) is counted with skipped. */
  public enum Status {
    PASSED("passed"),
    FAILED("failed"),
    ABORTED("aborted"),
    SKIPPED("skipped");

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

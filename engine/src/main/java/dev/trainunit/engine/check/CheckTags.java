package dev.trainunit.engine.check;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The tags checks carry (see {@link Check#tags()}), by what a check costs and needs, so that a
 * build can leave out what a machine or a pipeline stage cannot afford: {@code
 * -DexcludedGroups=slow} for a quick pre-merge run, {@code fresh-jvm} where no second JVM can be
 * started, {@code checkpoint} while a trainable's checkpointing is not written yet. README's "Tags"
 * and docs/checks.md list them; {@code CheckCatalogueTest} keeps the three in step.
 */
@API(status = API.Status.INTERNAL)
public final class CheckTags {

  private CheckTags() {}

  /**
   * The checks that take the longest whatever the model: a new JVM, the fuzz budget, forced garbage
   * collections.
   */
  public static final String SLOW = "slow";

  /** Starts a new JVM (a {@code java} it can launch, and memory for it). */
  public static final String FRESH_JVM = "fresh-jvm";

  /** Random sequences of operations, spending what the step budget leaves. */
  public static final String FUZZ = "fuzz";

  /** Saves and restores checkpoints: nothing to prove until {@code saveCheckpoint} is written. */
  public static final String CHECKPOINT = "checkpoint";

  /** Every tag, in the order the documentation lists them. */
  public static final List<String> ALL = List.of(SLOW, FRESH_JVM, FUZZ, CHECKPOINT);
}

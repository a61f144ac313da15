package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.Result;
import dev.trainunit.engine.run.Fact;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrainableDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Facts about a subject that explain a failing check, found out by training when a failing check
 * first asks for one, and shared by the subject's checks (each is found out at most once per
 * subject, whichever checks ask and in whatever order or thread). They never decide a verdict:
 * {@link LikelyCause} words the explanation from them.
 *
 * <p>A fact that could not be found out (its training threw or timed out) is answered empty; the
 * exception is kept ({@link #unknown()}) so that the failure can carry it.
 */
final class Evidence {

  /**
   * Restoring the checkpoint taken at iteration k: into a fresh instance, and into one that has
   * trained.
   */
  record Restores(boolean intoFreshExact, boolean intoUsedExact) {}

  static final Fact<Boolean> FRESH_RUNS_AGREE =
      new Fact<>("two fresh instances with the same config agree");
  static final Fact<Restores> RESTORES =
      new Fact<>("a checkpoint restored in this JVM continues exactly");
  static final Fact<Boolean> RESET_EXACT =
      new Fact<>("after reset to the same config an instance runs as a fresh one");
  static final Fact<Boolean> BUFFERED_AGREES = new Fact<>("trainBuffered gives what train() gives");

  private final CheckContext context;
  private final List<RuntimeException> unknown = new ArrayList<>();

  Evidence(CheckContext context) {
    this.context = context;
  }

  /**
   * Whether a plain fresh instance with the subject's config gives the reference run's results (the
   * shared plain run).
   */
  Optional<Boolean> freshRunsAgree() {
    return find(
        FRESH_RUNS_AGREE, () -> agree(context.referenceComparable(), context.subject().plainRun()));
  }

  /**
   * Whether the reference run's checkpoint of its middle checkpoint iteration k continues exactly
   * as the reference run did, restored into a fresh instance, and restored again into that same
   * instance once it has trained to the end (an instance with a state of its own to replace). No
   * prefix is trained: the checkpoint is the reference run's own.
   */
  Optional<Restores> restores() {
    return find(
        RESTORES,
        () -> {
          ReferenceRun reference = context.reference();
          List<Integer> ks = reference.checkpointIterations();
          if (ks.isEmpty())
            return new Restores(true, true); // nothing after a checkpoint to compare
          int k = ks.get(ks.size() / 2);
          Checkpoint checkpoint = reference.checkpoint(k);
          List<Map<String, Object>> truth = context.restrict(reference.after(k));
          TrainableDriver driver = context.start("evidence-restored");
          boolean intoFresh =
              continuesExactly(driver, context.copyOf(checkpoint, "evidence-copy-fresh"), k, truth);
          boolean intoUsed =
              continuesExactly(driver, context.copyOf(checkpoint, "evidence-copy-used"), k, truth);
          return new Restores(intoFresh, intoUsed);
        });
  }

  /**
   * Whether an instance trained half-way and reset to the same config then runs as the reference
   * run (true when it refuses the reset).
   */
  Optional<Boolean> resetExact() {
    return find(
        RESET_EXACT,
        () -> {
          List<Map<String, Object>> reference = context.referenceComparable();
          TrainableDriver driver = context.start("evidence-reset");
          driver.train(Math.max(1, reference.size() / 2));
          if (!driver.reset(context.config())) return true;
          return agree(reference, driver.train(reference.size()));
        });
  }

  /** Whether the shared buffered run gives the reference run's results. */
  Optional<Boolean> bufferedAgrees() {
    return find(
        BUFFERED_AGREES,
        () -> agree(context.referenceComparable(), context.subject().bufferedRun().results()));
  }

  /** What could not be found out, and why. */
  List<RuntimeException> unknown() {
    return List.copyOf(unknown);
  }

  private <T> Optional<T> find(Fact<T> fact, Supplier<T> computation) {
    try {
      return Optional.of(context.subject().fact(fact, computation));
    } catch (RuntimeException e) {
      unknown.add(new IllegalStateException("could not find out whether " + fact + ": " + e, e));
      return Optional.empty();
    }
  }

  private boolean continuesExactly(
      TrainableDriver driver, Path checkpoint, int k, List<Map<String, Object>> truth) {
    driver.restore(checkpoint);
    return driver.iteration() == k && agree(truth, driver.train(truth.size()));
  }

  private boolean agree(List<Map<String, Object>> expected, List<Result> actual) {
    return context.comparison().firstDivergence(expected, context.comparable(actual)).isEmpty();
  }
}

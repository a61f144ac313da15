package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.Result;
import dev.trainunit.engine.run.Fact;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrainableDriver;
import java.nio.file.Path;
import java.time.Duration;
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

  /** Restoring the checkpoint taken at iteration k: into a fresh instance, and into one that has trained. */
  record Restores(boolean intoFreshExact, boolean intoUsedExact) {}

  static final Fact<Boolean> FRESH_RUNS_AGREE = new Fact<>("two fresh instances with the same config agree");
  static final Fact<Restores> RESTORES = new Fact<>("a checkpoint restored in this JVM continues exactly");
  static final Fact<Boolean> RESET_EXACT = new Fact<>("after reset to the same config an instance runs as a fresh one");
  static final Fact<Boolean> BUFFERED_AGREES = new Fact<>("trainBuffered gives what train() gives");

  private static final Duration BUFFER_TIME = Duration.ofMinutes(10);

  private final CheckContext context;
  private final List<RuntimeException> unknown = new ArrayList<>();

  Evidence(CheckContext context) {
    this.context = context;
  }

  /** Whether a second fresh instance with the subject's config gives the reference run's results. */
  Optional<Boolean> freshRunsAgree() {
    return find(FRESH_RUNS_AGREE, () -> {
      List<Map<String, Object>> reference = context.referenceComparable();
      List<Result> again = context.start("evidence-fresh-run").train(reference.size());
      return agree(reference, again);
    });
  }

  /**
   * Whether the checkpoint taken at the middle checkpoint iteration k continues exactly as the
   * saved instance does, restored into a fresh instance and restored into the saved instance
   * itself after it trained on to the end (an instance with a state of its own to replace).
   */
  Optional<Restores> restores() {
    return find(RESTORES, () -> {
      int length = context.reference().length();
      List<Integer> ks = ReferenceRun.checkpointIterations(length);
      int k = ks.get(ks.size() / 2);
      if (k >= length) return new Restores(true, true); // nothing after k to compare
      TrainableDriver saved = context.start("evidence-saved");
      saved.train(k);
      Checkpoint checkpoint = saved.save();
      List<Result> truth = saved.train(length - k);
      TrainableDriver fresh = context.start("evidence-restored-fresh");
      boolean intoFresh = continuesExactly(fresh, copy(checkpoint, "evidence-copy-fresh"), k, truth);
      boolean intoUsed = continuesExactly(saved, copy(checkpoint, "evidence-copy-used"), k, truth);
      return new Restores(intoFresh, intoUsed);
    });
  }

  /** Whether an instance trained half-way and reset to the same config then runs as the reference run (true when it refuses the reset). */
  Optional<Boolean> resetExact() {
    return find(RESET_EXACT, () -> {
      List<Map<String, Object>> reference = context.referenceComparable();
      TrainableDriver driver = context.start("evidence-reset");
      driver.train(Math.max(1, reference.size() / 2));
      if (!driver.reset(context.config())) return true;
      return agree(reference, driver.train(reference.size()));
    });
  }

  /** Whether one trainBuffered() over the whole run gives the reference run's results. */
  Optional<Boolean> bufferedAgrees() {
    return find(BUFFERED_AGREES, () -> {
      List<Map<String, Object>> reference = context.referenceComparable();
      return agree(reference, context.start("evidence-buffered").trainBuffered(BUFFER_TIME, reference.size()));
    });
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

  private boolean continuesExactly(TrainableDriver driver, Path checkpoint, int k, List<Result> truth) {
    driver.restore(checkpoint);
    return driver.iteration() == k && agree(context.comparable(truth), driver.train(truth.size()));
  }

  private boolean agree(List<Map<String, Object>> expected, List<Result> actual) {
    return context.comparison().firstDivergence(expected, context.comparable(actual)).isEmpty();
  }

  private Path copy(Checkpoint checkpoint, String label) {
    return Checkpoints.copyTo(checkpoint.path(), context.newDirectory(label));
  }
}

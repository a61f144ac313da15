package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.engine.check.fuzz.SequenceContext;
import dev.trainunit.engine.config.TrainableDeclaration;
import dev.trainunit.engine.run.BufferedRun;
import dev.trainunit.engine.run.Metrics;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.StreamComparison;
import dev.trainunit.engine.run.TrainableDriver;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/**
 * What a running check works with: the subject (trainable, config, reference run), instances it
 * starts (stopped for it when it ends), and a way to publish report entries.
 */
@API(status = API.Status.INTERNAL)
public final class CheckContext implements AutoCloseable, SequenceContext {

  private final TrialSubject subject;
  private final List<Check> checksBeside;
  private final BiConsumer<String, String> reportEntries;
  private final List<TrainableDriver> drivers = new ArrayList<>();

  /**
   * @param checksBeside the other checks that run for the same subject, for the step budget
   */
  public CheckContext(
      TrialSubject subject, List<Check> checksBeside, BiConsumer<String, String> reportEntries) {
    this.subject = subject;
    this.checksBeside = List.copyOf(checksBeside);
    this.reportEntries = reportEntries;
  }

  /**
   * The step() calls left for this check (the fuzz check) of the subject's budget: the budget
   * ({@code stepBudget} × the reference run's length) less the shared runs and what every other
   * check that runs beside it plans to spend. Computed from plans, not from what has run so far, so
   * that the same selection of checks always gets the same budget, in any order or in parallel.
   */
  public long stepsLeftInBudget() {
    ReferenceRun reference = reference();
    long budget = (long) Math.floor(declaration().stepBudget() * reference.length());
    long planned =
        reference.length() + checksBeside.stream().mapToLong(c -> c.plannedSteps(this)).sum();
    // Every comparing check needs the buffered run now: it tells the figures of the run apart.
    planned += BufferedRun.plannedSteps(reference.length());
    return budget - planned;
  }

  public TrialSubject subject() {
    return subject;
  }

  public TrainableDeclaration declaration() {
    return subject.declaration();
  }

  public Config config() {
    return subject.config();
  }

  public ReferenceRun reference() {
    return subject.reference();
  }

  /**
   * The reference run's checkpoint iterations that leave an iteration to compare after them.
   *
   * @throws TestAbortedException when there is none: a run that ends at its first result leaves
   *     nothing a restore could be compared on
   */
  public List<Integer> checkpointIterations() {
    List<Integer> ks = reference().checkpointIterations();
    if (ks.isEmpty()) {
      throw new TestAbortedException(
          "the run ended (done) at iteration "
              + reference().length()
              + ": no checkpoint leaves an iteration to continue from, so there is nothing to compare");
    }
    return ks;
  }

  /**
   * Aborts the check, saying why, when the comparisons after restoring the checkpoints of {@code
   * ks} could not fail whatever the checkpoint holds (see {@link MetricsThatRevealState}). Not for
   * {@code deterministic = false}: those comparisons are of the counters only, as declared.
   */
  public void requireMetricsThatRevealState(List<Integer> ks) {
    if (!declaration().deterministic()) return;
    MetricsThatRevealState.whyNone(reference(), ks, comparison())
        .ifPresent(
            why -> {
              throw new TestAbortedException(why);
            });
  }

  /** The middle one of {@link #checkpointIterations()}. */
  public int middleCheckpoint() {
    List<Integer> ks = checkpointIterations();
    return ks.get(ks.size() / 2);
  }

  public StreamComparison comparison() {
    return new StreamComparison(declaration().tolerance());
  }

  /** The trainable's simple class name, for messages. */
  public String trainableName() {
    return declaration().trainableClass().getSimpleName();
  }

  /**
   * A started instance with the subject's config; stopped when the check ends, unless the check
   * stopped it.
   */
  public TrainableDriver start(String label) {
    return track(subject.start(label));
  }

  public TrainableDriver start(String label, Config config) {
    return track(subject.start(label, config));
  }

  private TrainableDriver track(TrainableDriver driver) {
    drivers.add(driver);
    return driver;
  }

  /** A fresh, empty directory for the check's own files (copies of checkpoints, exports). */
  public Path newDirectory(String label) {
    return subject.directories().next(label);
  }

  /**
   * A copy of {@code checkpoint} in a new directory named after {@code label}, so that a restore
   * cannot lean on anything left in the trial directory it was saved in.
   */
  public Path copyOf(Checkpoint checkpoint, String label) {
    return Checkpoints.copyTo(checkpoint.path(), newDirectory(label));
  }

  public void report(String key, String value) {
    reportEntries.accept(key, value);
  }

  /**
   * Stops what the check left running. A stop() that fails here is reported as an entry, not as the
   * check's failure: the lifecycle and cleanup checks are the ones that judge stop().
   */
  @Override
  public void close() {
    for (TrainableDriver driver : drivers) {
      driver.stopQuietly().ifPresent(t -> report("stop-failed", driver.trial().name() + ": " + t));
    }
    drivers.clear();
  }

  /**
   * What two runs must agree on, of each result: the model's metrics and the counters, or only the
   * counters for a trainable declared {@code deterministic = false}.
   */
  public List<Map<String, Object>> comparable(List<Result> results) {
    return restrict(Metrics.comparable(results, declaration().ignoredMetrics()));
  }

  /** The reference run's results, restricted as {@link #comparable(List)} restricts. */
  public List<Map<String, Object>> referenceComparable() {
    return restrict(reference().comparable());
  }

  /**
   * Comparable results restricted as {@link #comparable(List)} restricts them: only the counters
   * for a trainable declared non-deterministic, and never the figures of the run a reproducible one
   * reports (see {@link RunDependentMetrics}).
   */
  public List<Map<String, Object>> restrict(List<Map<String, Object>> results) {
    if (!declaration().deterministic()) return Counters.only(results);
    Set<String> runDependent = RunDependentMetrics.of(subject);
    return runDependent.isEmpty() ? results : RunDependentMetrics.without(results, runDependent);
  }

  /** The metrics {@link #restrict} leaves out as figures of the run; empty for most models. */
  public Set<String> runDependentMetrics() {
    return declaration().deterministic() ? RunDependentMetrics.of(subject) : Set.of();
  }
}

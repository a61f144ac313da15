package dev.trainunit.engine.check.fuzz;

import dev.trainunit.Checkpoint;
import dev.trainunit.Result;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Buffered;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Reset;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Restore;
import dev.trainunit.engine.check.fuzz.FuzzOperation.RestoreRecorded;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Save;
import dev.trainunit.engine.check.fuzz.FuzzOperation.Train;
import dev.trainunit.engine.run.Divergence;
import dev.trainunit.engine.run.StreamComparison;
import dev.trainunit.engine.run.TrainableDriver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.io.file.PathUtils;
import org.apiguardian.api.API;

/**
 * One run of a sequence against fresh instances, comparing every result with the reference run. An
 * operation that does not apply when it comes is skipped, so that any sub-sequence can run.
 */
@API(status = API.Status.INTERNAL)
public final class SequenceRun {

  private static final Duration BUFFER_TIME = Duration.ofMinutes(10);

  private final SequenceContext context;
  private final List<Map<String, Object>> reference;
  private final String label;
  private final StreamComparison comparison;
  private final List<TrainableDriver> drivers = new ArrayList<>();
  private final Map<Integer, Checkpoint> checkpoints = new HashMap<>();
  private TrainableDriver current;
  private long iteration;

  /**
   * @param reference the reference run's results, restricted as {@link
   *     SequenceContext#comparable(List)} restricts them
   * @param label prefix of the trial names of the instances this run starts
   */
  public SequenceRun(SequenceContext context, List<Map<String, Object>> reference, String label) {
    this.context = context;
    this.reference = reference;
    this.label = label;
    this.comparison = context.comparison();
  }

  /**
   * Runs {@code ops} up to the first failing one; the instances are stopped before it returns. Call
   * once.
   */
  public SequenceOutcome execute(List<FuzzOperation> ops) {
    SequenceOutcome outcome = new SequenceOutcome();
    try {
      current = start();
      for (int i = 0; i < ops.size(); i++) {
        String failure;
        try {
          failure = apply(ops.get(i), outcome);
        } catch (RuntimeException e) {
          outcome.threw(e);
          failure = "it threw " + e;
        }
        if (failure != null) {
          outcome.fail(i, failure);
          return outcome;
        }
      }
      return outcome;
    } finally {
      for (TrainableDriver d : drivers) d.stopQuietly();
      // The trial directories of a passing sequence are of no interest; a failing one's are kept.
      if (!outcome.failed()) {
        for (TrainableDriver d : drivers) {
          try {
            PathUtils.deleteDirectory(d.logdir());
          } catch (IOException | RuntimeException ignored) {
            // best effort
          }
        }
      }
    }
  }

  // Not context.start(): the run stops its own instances as soon as it ends, not when the check
  // does.
  private TrainableDriver start() {
    TrainableDriver d = context.subject().start(label + "-" + (drivers.size() + 1));
    drivers.add(d);
    iteration = 0;
    return d;
  }

  /** Applies one operation; returns why the sequence failed there, or null. */
  private String apply(FuzzOperation op, SequenceOutcome outcome) {
    if (op instanceof Train t) return train(t, outcome);
    if (op instanceof Buffered b) return trainBuffered(b, outcome);
    if (op instanceof Save s) return save(s, outcome);
    if (op instanceof Restore r) return restore(r, outcome);
    if (op instanceof RestoreRecorded r) return restoreRecorded(r, outcome);
    if (op instanceof Reset r) return reset(r, outcome);
    throw new IllegalStateException("unknown operation " + op);
  }

  private String train(Train op, SequenceOutcome outcome) {
    if (iteration >= reference.size()) {
      outcome.step(op.name() + " (skipped: end of the reference run)");
      return null;
    }
    outcome.step(op.name());
    return expect(current.train(), outcome);
  }

  private String trainBuffered(Buffered op, SequenceOutcome outcome) {
    int cap = (int) Math.min(op.cap(), reference.size() - iteration);
    if (cap <= 0) {
      outcome.step(op.name() + " (skipped: end of the reference run)");
      return null;
    }
    outcome.step(op.name() + "(max " + cap + ")");
    List<Result> results = current.trainBuffered(BUFFER_TIME, cap);
    if (results.isEmpty()) return "trainBuffered returned no result";
    for (Result r : results) {
      String failure = expect(r, outcome);
      if (failure != null) return failure;
    }
    return null;
  }

  private String save(Save op, SequenceOutcome outcome) {
    if (iteration == 0) {
      outcome.step(op.name() + " (skipped: nothing trained)");
      return null;
    }
    checkpoints.put(op.label(), current.save());
    outcome.step(op.name() + " (iteration " + iteration + ")");
    return null;
  }

  private String restore(Restore op, SequenceOutcome outcome) {
    Checkpoint checkpoint = checkpoints.get(op.label());
    if (checkpoint == null) {
      outcome.step(op.name() + " (skipped: never saved)");
      return null;
    }
    String into = into(op.intoFresh());
    outcome.step(op.name() + " (iteration " + checkpoint.iteration() + ") " + into);
    current.restore(checkpoint.path());
    iteration = checkpoint.iteration();
    if (current.iteration() != iteration) {
      return "after the restore, iteration() is " + current.iteration() + ", expected " + iteration;
    }
    return null;
  }

  private String restoreRecorded(RestoreRecorded op, SequenceOutcome outcome) {
    Checkpoint checkpoint = context.reference().checkpoint(op.iteration());
    String into = into(op.intoFresh());
    outcome.step(op.name() + " " + into);
    current.restore(context.copyOf(checkpoint, label + "-copy-of-recorded-" + op.iteration()));
    iteration = op.iteration();
    if (current.iteration() != iteration) {
      return "after the restore, iteration() is " + current.iteration() + ", expected " + iteration;
    }
    return null;
  }

  /** Starts a fresh instance when asked; says into what the restore goes. */
  private String into(boolean fresh) {
    if (fresh) {
      current = start();
      return "into a fresh instance";
    }
    return "into the "
        + (iteration > 0 ? "trained" : "current")
        + " instance (at iteration "
        + iteration
        + ")";
  }

  private String reset(Reset op, SequenceOutcome outcome) {
    if (!current.reset(context.config())) {
      outcome.step(op.name() + " (refused: resetConfig returned false)");
      return null;
    }
    outcome.step(op.name() + " (same config)");
    iteration = 0;
    if (current.iteration() != 0)
      return "after reset() returned true, iteration() is " + current.iteration() + ", expected 0";
    return null;
  }

  private String expect(Result result, SequenceOutcome outcome) {
    iteration++;
    Map<String, Object> expected = reference.get((int) iteration - 1);
    Map<String, Object> actual = context.comparable(List.of(result)).get(0);
    Optional<Divergence> d = comparison.compare(expected, actual);
    if (d.isEmpty()) return null;
    outcome.diverged(d.get());
    return d.get().describe("in the uninterrupted run", "in this sequence");
  }
}

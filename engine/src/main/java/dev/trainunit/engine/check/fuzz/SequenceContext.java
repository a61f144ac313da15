package dev.trainunit.engine.check.fuzz;

import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.Result;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.StreamComparison;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a {@link SequenceRun} needs of the check that runs it: the subject, its config and reference
 * run, how results compare, and fresh copies of checkpoints. The check's context implements it, so
 * that this package needs nothing of the check package.
 */
@API(status = API.Status.INTERNAL)
public interface SequenceContext {

  TrialSubject subject();

  Config config();

  ReferenceRun reference();

  StreamComparison comparison();

  /** A copy of {@code checkpoint} in a new directory named after {@code label}. */
  Path copyOf(Checkpoint checkpoint, String label);

  /** What two runs must agree on, of each of {@code results}. */
  List<Map<String, Object>> comparable(List<Result> results);
}

package dev.trainunit.engine.check.fuzz;

import org.apiguardian.api.API;

/** One step of a lifecycle-fuzz sequence. */
@API(status = API.Status.INTERNAL)
public sealed interface FuzzOperation
    permits FuzzOperation.Train,
        FuzzOperation.Buffered,
        FuzzOperation.Save,
        FuzzOperation.Restore,
        FuzzOperation.RestoreRecorded,
        FuzzOperation.Reset {

  /**
   * The operation as failure messages name it, e.g. {@code save#2}; what happened when it ran is
   * appended there.
   */
  String name();

  /** The most step() calls it makes. */
  default int steps() {
    return 0;
  }

  /** One train() call. */
  record Train() implements FuzzOperation {
    @Override
    public String name() {
      return "train";
    }

    @Override
    public int steps() {
      return 1;
    }
  }

  /** One trainBuffered() call capped at {@code cap} results. */
  record Buffered(int cap) implements FuzzOperation {
    @Override
    public String name() {
      return "trainBuffered";
    }

    @Override
    public int steps() {
      return cap;
    }
  }

  /** save(), remembered as checkpoint #label. */
  record Save(int label) implements FuzzOperation {
    @Override
    public String name() {
      return "save#" + label;
    }
  }

  /** restore() of checkpoint #label into a fresh instance or into the current one. */
  record Restore(int label, boolean intoFresh) implements FuzzOperation {
    @Override
    public String name() {
      return "restore#" + label;
    }
  }

  /**
   * restore() of the reference run's checkpoint of {@code iteration}, into a fresh instance or the
   * current one: it reaches a late iteration without training the prefix again.
   */
  record RestoreRecorded(int iteration, boolean intoFresh) implements FuzzOperation {
    @Override
    public String name() {
      return "restore of the reference run's checkpoint (iteration " + iteration + ")";
    }
  }

  /** reset() to the same config. */
  record Reset() implements FuzzOperation {
    @Override
    public String name() {
      return "reset";
    }
  }
}

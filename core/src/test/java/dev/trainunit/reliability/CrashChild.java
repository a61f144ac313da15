package dev.trainunit.reliability;

import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointOptions;
import dev.trainunit.Config;
import dev.trainunit.SyncConfig;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.logging.ResultLoggers;
import dev.trainunit.storage.TrialStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The child JVM of {@link CrashConsistencyTest}: resumes the trial from its newest complete
 * checkpoint, then trains and saves in a loop until it is killed, printing {@code BEGIN
 * <iteration>} before each save() and {@code END <iteration> <save nanos>} after. After each save
 * it waits for a line on stdin before training on, so the parent knows the newest iteration the
 * child can possibly have saved when it kills it.
 *
 * <p>Arguments: trial directory, fsync (true/false).
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    Path trialDir = Path.of(args[0]);
    boolean fsync = Boolean.parseBoolean(args[1]);
    PrintStream out = System.out;
    Trial trial =
        Trial.builder(trialDir)
            .id("crash")
            .loggerCreator(ResultLoggers.none())
            .checkpointOptions(new CheckpointOptions(fsync, true))
            .build();
    BlobModel model = TrainableFactory.create(BlobModel.class, Config.empty(), trial);
    Optional<Checkpoint> latest =
        new TrialStorage(
                trial.logdir(), CheckpointOptions.DEFAULT, Optional.empty(), SyncConfig.DEFAULT)
            .latest();
    latest.ifPresent(model::restore);
    // The resumed state must be exactly the one saved at that iteration.
    boolean intact = Arrays.deepEquals(model.state, BlobModel.stateAt(model.iteration(), 1.0));
    out.println("READY " + model.iteration() + " " + intact);
    out.flush();
    while (true) {
      model.train();
      long iteration = model.iteration();
      out.println("BEGIN " + iteration);
      out.flush();
      long start = System.nanoTime();
      model.save();
      long nanos = System.nanoTime() - start;
      out.println("END " + iteration + " " + nanos);
      out.flush();
      if (in.readLine() == null) return;
    }
  }
}

package dev.trainunit.s3;

import dev.trainunit.Result;
import dev.trainunit.SyncConfig;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The second node of {@link S3CheckpointTest}: a fresh JVM that knows only the trial's remote
 * directory in S3. It restores the trial from the checkpoint there (its local trial directory is
 * empty), trains on, and stops, which syncs its results to S3.
 *
 * <p>Arguments: local trial directory, remote trial directory (an {@code s3x://} URI), the
 * checkpoint's name, the number of iterations to train after the restore.
 */
public final class ResumeOnAnotherNode {

  private ResumeOnAnotherNode() {}

  public static void main(String[] args) {
    Path local = Path.of(args[0]);
    Path remote = Paths.get(URI.create(args[1]));
    String checkpoint = args[2];
    int iterations = Integer.parseInt(args[3]);

    Trial trial =
        Trial.builder(local)
            .id(S3CheckpointTest.TRIAL_ID)
            .remote(remote, SyncConfig.DEFAULT)
            .build();
    SgdRegression model =
        TrainableFactory.create(SgdRegression.class, S3CheckpointTest.CONFIG, trial);
    model.restore(local.resolve(checkpoint));
    System.out.println("restored at iteration " + model.iteration());
    for (int i = 0; i < iterations; i++) {
      Result r = model.train();
      System.out.println("iteration " + r.trainingIteration());
    }
    model.stop();
  }
}

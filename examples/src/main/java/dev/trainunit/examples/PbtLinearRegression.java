package dev.trainunit.examples;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Linear regression by stochastic gradient descent, written to be a good citizen of
 * population-based training (PBT): it can be reused with new hyperparameters without being rebuilt,
 * and it stops itself when good enough.
 *
 * <p><b>{@link #resetConfig(Config)} returns true.</b> PBT reuses a trial's instance for a new
 * config (Tune's {@code reuse_actors}); the contract is that after {@code reset(c2)} the instance
 * behaves exactly like a fresh one built with {@code c2}. So {@code resetConfig} runs the very same
 * {@code init(config)} as {@code setup}: new hyperparameters, weights back to zero, the sampling
 * generator re-seeded. PBT then usually restores a better trial's checkpoint into the instance;
 * {@code loadCheckpoint} replaces the learned state, and the new hyperparameters stay, because
 * hyperparameters are never part of the checkpoint.
 *
 * <p><b>It ends early.</b> When the validation error reaches {@code target_mse} the step reports
 * {@code "done": true}, and the run (and the TrainUnit checks) stop there.
 *
 * <p>The data is synthetic — {@code y = w·x + noise} with 8 features, 512 training and 128
 * validation rows generated from {@code data_seed} — and is not training state. The checkpoint (a
 * map) holds the weights and the state of the generator that draws mini-batches.
 *
 * <p>Config: {@code lr} (0.05), {@code batch_size} (16), {@code batches_per_step} (10), {@code
 * target_mse} (0.02; the noise alone gives 0.01), {@code seed} (1), {@code data_seed} (11).
 */
public class PbtLinearRegression extends AbstractTrainable {

  private static final int FEATURES = 8;
  private static final int TRAIN = 512;
  private static final int VALIDATION = 128;
  private static final double NOISE = 0.1;

  private double[][] xTrain;
  private double[] yTrain;
  private double[][] xVal;
  private double[] yVal;

  private double lr;
  private int batchSize;
  private int batchesPerStep;
  private double targetMse;

  // training state (all of it in the checkpoint)
  private double[] weights; // FEATURES weights and a bias
  private SplitMix64 rng;

  @Override
  protected void setup(Config config) {
    init(config);
  }

  @Override
  protected boolean resetConfig(Config newConfig) {
    init(newConfig); // exactly what setup does: the instance is now as good as a fresh one
    return true;
  }

  private void init(Config config) {
    lr = config.getDouble("lr", 0.05);
    batchSize = config.getInt("batch_size", 16);
    batchesPerStep = config.getInt("batches_per_step", 10);
    targetMse = config.getDouble("target_mse", 0.02);
    makeData(config.getLong("data_seed", 11));
    weights = new double[FEATURES + 1];
    rng = new SplitMix64(config.getLong("seed", 1));
  }

  private void makeData(long seed) {
    SplitMix64 r = new SplitMix64(seed);
    double[] trueWeights = new double[FEATURES + 1];
    for (int j = 0; j <= FEATURES; j++) trueWeights[j] = r.nextGaussian();
    xTrain = new double[TRAIN][FEATURES];
    yTrain = new double[TRAIN];
    xVal = new double[VALIDATION][FEATURES];
    yVal = new double[VALIDATION];
    fill(xTrain, yTrain, trueWeights, r);
    fill(xVal, yVal, trueWeights, r);
  }

  private static void fill(double[][] x, double[] y, double[] w, SplitMix64 r) {
    for (int i = 0; i < x.length; i++) {
      double target = w[FEATURES];
      for (int j = 0; j < FEATURES; j++) {
        x[i][j] = r.nextGaussian();
        target += w[j] * x[i][j];
      }
      y[i] = target + NOISE * r.nextGaussian();
    }
  }

  @Override
  protected Map<String, Object> step() {
    double[] grad = new double[FEATURES + 1];
    for (int b = 0; b < batchesPerStep; b++) {
      Arrays.fill(grad, 0.0);
      for (int n = 0; n < batchSize; n++) {
        int i = rng.nextInt(TRAIN); // sampling with replacement
        double err = predict(xTrain[i]) - yTrain[i];
        for (int j = 0; j < FEATURES; j++) grad[j] += err * xTrain[i][j];
        grad[FEATURES] += err;
      }
      for (int j = 0; j <= FEATURES; j++) weights[j] -= lr * grad[j] / batchSize;
    }
    double mse = 0;
    for (int i = 0; i < VALIDATION; i++) {
      double err = predict(xVal[i]) - yVal[i];
      mse += err * err / VALIDATION;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("val_mse", mse);
    metrics.put("lr", lr);
    metrics.put("done", mse <= targetMse);
    return metrics;
  }

  private double predict(double[] x) {
    double z = weights[FEATURES];
    for (int j = 0; j < FEATURES; j++) z += weights[j] * x[j];
    return z;
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
    return Map.of("weights", weights.clone(), "rng_state", rng.state());
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) {
    JsonMap state = checkpoint.data();
    double[] w = state.getDoubleArray("weights");
    if (w.length != FEATURES + 1) {
      throw new IllegalArgumentException(
          "checkpoint has " + w.length + " weights, expected " + (FEATURES + 1));
    }
    weights = w;
    rng.setState(state.getLong("rng_state"));
  }
}

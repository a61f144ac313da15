package dev.trainunit.examples;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.encog.engine.network.activation.ActivationSigmoid;
import org.encog.ml.data.MLDataSet;
import org.encog.ml.data.basic.BasicMLDataSet;
import org.encog.neural.networks.BasicNetwork;
import org.encog.neural.networks.layers.BasicLayer;
import org.encog.neural.networks.training.propagation.TrainingContinuation;
import org.encog.neural.networks.training.propagation.back.Backpropagation;

/**
 * Wraps a real ML library: an <a href="https://github.com/jeffheaton/encog-java-core">Encog</a> 3.4
 * feed-forward network (Apache-2.0, pure Java, no dependencies) classifying the three Iris species,
 * trained by Encog's own {@link Backpropagation} (full batch, learning rate and momentum).
 *
 * <p>One {@code step()} runs {@code epochs_per_step} Encog training iterations and reports the
 * network's mean squared error and accuracy over the 150 flowers.
 *
 * <p><b>Checkpointing a library's model.</b> The checkpoint (a map) holds what Encog itself needs
 * to continue:
 *
 * <ul>
 *   <li>{@code weights} — the network's flat weight vector ({@code encodeToArray} / {@code
 *       decodeFromArray}), stored as doubles, so nothing is lost;
 *   <li>{@code last_delta} — backpropagation's momentum term, taken from Encog's own training
 *       continuation ({@code pause()} / {@code resume()});
 *   <li>{@code encog_iteration} — Encog's iteration counter.
 * </ul>
 *
 * On restore, the network and the trainer are rebuilt from the config and then given that state:
 * Encog's trainer keeps private copies of the network for its gradient workers, so changing the
 * weights of a network a trainer has already used would not reach them.
 *
 * <p><b>Determinism.</b> With one training thread ({@code setThreadCount(1)}, as here) Encog sums
 * gradients in a fixed order and the weights are initialised from {@code seed}, so runs are
 * bit-for-bit reproducible. With several threads Encog would start a shared thread pool (which
 * outlives the trainable) and could sum in another order.
 *
 * <p>Config: {@code hidden} (8), {@code lr} (0.1), {@code momentum} (0.9), {@code epochs_per_step}
 * (5), {@code seed} (42).
 */
public class EncogIrisNetwork extends AbstractTrainable {

  private static final int CLASSES = 3;

  private IrisData data;
  private MLDataSet trainingSet;
  private int hidden;
  private double lr;
  private double momentum;
  private int epochsPerStep;

  // training state: inside Encog's objects, copied out in saveCheckpoint
  private BasicNetwork network;
  private Backpropagation trainer;

  @Override
  protected void setup(Config config) {
    data = IrisData.load();
    double[][] ideal = new double[data.size()][CLASSES];
    for (int i = 0; i < data.size(); i++) ideal[i][data.labels()[i]] = 1.0; // one-hot targets
    trainingSet = new BasicMLDataSet(data.features(), ideal);
    init(config);
  }

  @Override
  protected boolean resetConfig(Config newConfig) {
    init(newConfig);
    return true;
  }

  private void init(Config config) {
    hidden = config.getInt("hidden", 8);
    lr = config.getDouble("lr", 0.1);
    momentum = config.getDouble("momentum", 0.9);
    epochsPerStep = config.getInt("epochs_per_step", 5);
    network = newNetwork();
    network.reset(config.getInt("seed", 42)); // Encog's seeded ("consistent") weight initialisation
    trainer = newTrainer(network);
  }

  private BasicNetwork newNetwork() {
    BasicNetwork net = new BasicNetwork();
    net.addLayer(new BasicLayer(null, true, IrisData.FEATURE_NAMES.length));
    net.addLayer(new BasicLayer(new ActivationSigmoid(), true, hidden));
    net.addLayer(new BasicLayer(new ActivationSigmoid(), false, CLASSES));
    net.getStructure().finalizeStructure();
    return net;
  }

  private Backpropagation newTrainer(BasicNetwork net) {
    Backpropagation bp = new Backpropagation(net, trainingSet, lr, momentum);
    bp.setThreadCount(1); // deterministic, and no thread pool left behind
    return bp;
  }

  @Override
  protected Map<String, Object> step() {
    for (int e = 0; e < epochsPerStep; e++) trainer.iteration();
    double[] out = new double[CLASSES];
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      network.compute(data.features()[i], out);
      int best = 0;
      for (int c = 1; c < CLASSES; c++) if (out[c] > out[best]) best = c;
      if (best == data.labels()[i]) correct++;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("mse", network.calculateError(trainingSet));
    metrics.put("accuracy", correct / (double) data.size());
    metrics.put("encog_iteration", trainer.getIteration());
    return metrics;
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
    double[] weights = new double[network.encodedArrayLength()];
    network.encodeToArray(weights);
    double[] lastDelta = (double[]) trainer.pause().get(Backpropagation.LAST_DELTA);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("weights", weights);
    state.put("last_delta", lastDelta.clone());
    state.put("encog_iteration", trainer.getIteration());
    return state;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) {
    JsonMap state = checkpoint.data();
    BasicNetwork restored = newNetwork();
    double[] weights = state.getDoubleArray("weights");
    if (weights.length != restored.encodedArrayLength()) {
      throw new IllegalArgumentException(
          "checkpoint has "
              + weights.length
              + " weights, a network with "
              + hidden
              + " hidden units has "
              + restored.encodedArrayLength());
    }
    restored.decodeFromArray(weights);
    Backpropagation restoredTrainer = newTrainer(restored);
    TrainingContinuation continuation = new TrainingContinuation();
    continuation.setTrainingType(Backpropagation.class.getSimpleName());
    continuation.set(Backpropagation.LAST_DELTA, state.getDoubleArray("last_delta"));
    restoredTrainer.resume(continuation);
    restoredTrainer.setIteration(state.getInt("encog_iteration"));
    network = restored;
    trainer = restoredTrainer;
  }
}

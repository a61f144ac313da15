package dev.trainunit.examples.libraries;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import dev.trainunit.examples.SplitMix64;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A <a href="https://deeplearning4j.konduit.ai">Deeplearning4j</a> 1.0.0-M2.1 {@link
 * MultiLayerNetwork} (two tanh layers and a softmax output) learning three interleaved spirals with
 * Adam, fit one mini-batch at a time ({@link
 * MultiLayerNetwork#fit(org.nd4j.linalg.dataset.api.DataSet)}), on ND4J's CPU backend.
 *
 * <p>The data: 300 training and 150 held-out points of three noisy spiral arms, generated from a
 * fixed seed. One {@code step()} fits {@code batches_per_step} mini-batches of {@code batch_size}
 * points, taken in the order of the epoch's permutation (reshuffled when an epoch ends), and
 * reports the held-out {@code loss} (DL4J's own score) and {@code accuracy} and the {@code epoch}.
 *
 * <p><b>What DL4J saves by itself.</b> {@link
 * ModelSerializer#writeModel(org.deeplearning4j.nn.api.Model, File, boolean)} writes a zip: the
 * configuration as JSON (with the network's iteration and epoch counts, which Adam's bias
 * correction reads), the parameters, and — only when {@code saveUpdater} is {@code true} — the
 * updater's state: Adam's first and second moments. With {@code false}, the default of many
 * tutorials, a restored network starts Adam from zero moments and takes a few large, bias-corrected
 * steps the uninterrupted run never took.
 *
 * <p><b>What it leaves out.</b> Everything outside the network: the epoch's permutation, the
 * position in it, the epoch and the shuffling generator's state ({@link SplitMix64}), which this
 * example keeps beside the zip in the checkpoint's map.
 *
 * <p><b>What it saves too much of.</b> The configuration in the zip holds the updater with its
 * learning rate. A checkpoint restored under population-based training's perturbed config would
 * train on with the exploited trial's rate, so {@link #loadCheckpoint} sets the config's rate with
 * {@link MultiLayerNetwork#setLearningRate(double)}, which keeps the updater's moments.
 *
 * <p><b>Determinism.</b> The weights are initialised from {@code seed} (the configuration's seed);
 * nothing else is random inside DL4J (no dropout), and with one native thread ({@code
 * OMP_NUM_THREADS=1}, set by this module's Surefire configuration) ND4J sums in a fixed order, so
 * runs are bit-for-bit reproducible on one machine. With more threads they may not be; declare a
 * tolerance then.
 *
 * <p><b>Native resources.</b> ND4J starts process-wide daemon threads (JavaCPP's deallocator) on
 * first use, which TrainUnit's cleanup check tells apart from the trainable's own; {@link
 * #cleanup()} frees the network's native memory with {@link MultiLayerNetwork#close()}.
 *
 * <p>Config: {@code lr} (0.03), {@code hidden} (24), {@code batch_size} (30), {@code
 * batches_per_step} (10: one epoch per step), {@code seed} (42, for the weights and the shuffle).
 */
public class Dl4jSpiralMlp extends AbstractTrainable {

  static final String MODEL_FILE = "network.zip";
  private static final int CLASSES = 3;

  private INDArray trainX;
  private INDArray trainY;
  private DataSet holdout;
  private double lr;
  private int hidden;
  private int batchSize;
  private int batchesPerStep;

  // training state
  private MultiLayerNetwork net;
  private SplitMix64 shuffleRng;
  private int[] order;
  private int position;
  private int epoch;

  @Override
  protected void setup(Config config) {
    Dataset train = Dataset.spirals(300, CLASSES, 0.05, 31L);
    trainX = features(train);
    trainY = oneHot(train);
    Dataset test = Dataset.spirals(150, CLASSES, 0.05, 32L);
    holdout = new DataSet(features(test), oneHot(test));
    init(config);
  }

  @Override
  protected boolean resetConfig(Config newConfig) {
    closeNetwork();
    init(newConfig);
    return true;
  }

  private void init(Config config) {
    lr = config.getDouble("lr", 0.03);
    hidden = config.getInt("hidden", 24);
    batchSize = config.getInt("batch_size", 30);
    batchesPerStep = config.getInt("batches_per_step", 10);
    long seed = config.getLong("seed", 42);
    net = new MultiLayerNetwork(configuration(seed));
    net.init(); // weights drawn from the configuration's seed
    shuffleRng = new SplitMix64(seed);
    order = new int[(int) trainX.size(0)];
    for (int i = 0; i < order.length; i++) order[i] = i;
    shuffleRng.shuffle(order);
    position = 0;
    epoch = 0;
  }

  private MultiLayerConfiguration configuration(long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .weightInit(WeightInit.XAVIER)
        .updater(new Adam(lr))
        .list()
        .layer(new DenseLayer.Builder().nIn(2).nOut(hidden).activation(Activation.TANH).build())
        .layer(
            new DenseLayer.Builder().nIn(hidden).nOut(hidden).activation(Activation.TANH).build())
        .layer(
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(hidden)
                .nOut(CLASSES)
                .activation(Activation.SOFTMAX)
                .build())
        .build();
  }

  @Override
  protected Map<String, Object> step() {
    for (int b = 0; b < batchesPerStep; b++) net.fit(nextBatch());
    INDArray predicted = net.output(holdout.getFeatures()).argMax(1);
    INDArray truth = holdout.getLabels().argMax(1);
    long correct = predicted.eq(truth).castTo(DataType.INT).sumNumber().longValue();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("loss", net.score(holdout));
    metrics.put("accuracy", correct / (double) truth.length());
    metrics.put("epoch", epoch);
    return metrics;
  }

  /** The next {@code batch_size} points of the epoch's order; a new epoch is reshuffled. */
  private DataSet nextBatch() {
    int[] rows = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      if (position == order.length) {
        shuffleRng.shuffle(order);
        position = 0;
        epoch++;
      }
      rows[i] = order[position++];
    }
    return new DataSet(trainX.getRows(rows), trainY.getRows(rows));
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws Exception {
    writeNetwork(checkpointDir.resolve(MODEL_FILE).toFile());
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("order", order.clone());
    stream.put("position", position);
    stream.put("epoch", epoch);
    stream.put("shuffle_rng", shuffleRng.state());
    return stream;
  }

  /** The network with its updater state: Adam's moments are training state. */
  void writeNetwork(File file) throws Exception {
    ModelSerializer.writeModel(net, file, true);
  }

  /** The config's learning rate, not the one the zip was saved with. */
  void applyConfigLearningRate(MultiLayerNetwork restored) {
    restored.setLearningRate(lr);
  }

  MultiLayerNetwork network() {
    return net;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws Exception {
    MultiLayerNetwork restored =
        ModelSerializer.restoreMultiLayerNetwork(
            checkpoint.path().resolve(MODEL_FILE).toFile(), true);
    if (restored.layerSize(0) != hidden) {
      restored.close();
      throw new IllegalArgumentException(
          "the checkpoint's network has "
              + restored.layerSize(0)
              + " hidden units, this config builds "
              + hidden);
    }
    applyConfigLearningRate(restored);
    JsonMap stream = checkpoint.data();
    int[] savedOrder = stream.getIntArray("order");
    if (savedOrder.length != order.length) {
      restored.close();
      throw new IllegalArgumentException(
          "the checkpoint's stream permutes "
              + savedOrder.length
              + " points, this data set has "
              + order.length);
    }
    closeNetwork();
    net = restored;
    order = savedOrder;
    position = stream.getInt("position");
    epoch = stream.getInt("epoch");
    shuffleRng = new SplitMix64(stream.getLong("shuffle_rng"));
  }

  @Override
  protected void cleanup() {
    closeNetwork();
  }

  private void closeNetwork() {
    if (net != null) net.close();
    net = null;
  }

  private static INDArray features(Dataset data) {
    return Nd4j.create(data.features()).castTo(DataType.FLOAT);
  }

  private static INDArray oneHot(Dataset data) {
    double[][] y = new double[data.size()][data.classes()];
    for (int i = 0; i < data.size(); i++) y[i][data.labels()[i]] = 1.0;
    return Nd4j.create(y).castTo(DataType.FLOAT);
  }

  /**
   * Exports {@code "dl4j"}: the network without its updater state, which inference does not need:
   * the one place where {@code saveUpdater = false} is right.
   */
  @Override
  protected Map<String, Path> doExportModel(List<String> exportFormats, Path exportDir)
      throws Exception {
    return SingleFormatExport.export(
        exportFormats,
        "dl4j",
        () -> {
          Path file = exportDir.resolve(MODEL_FILE);
          ModelSerializer.writeModel(net, file.toFile(), false); // serving needs no updater state
          return file;
        });
  }
}

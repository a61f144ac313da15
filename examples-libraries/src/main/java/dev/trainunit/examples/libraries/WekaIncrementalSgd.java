package dev.trainunit.examples.libraries;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import dev.trainunit.examples.SplitMix64;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.classifiers.UpdateableClassifier;
import weka.classifiers.functions.SGD;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.SerializationHelper;

/**
 * A <a href="https://ml.cms.waikato.ac.nz/weka">Weka</a> 3.8 incremental learner ({@link SGD}, an
 * {@link UpdateableClassifier}: logistic regression by stochastic gradient descent) fed a stream
 * that is reshuffled at every epoch, the way Weka's incremental learners are meant to be used on
 * data that does not fit in memory or keeps arriving.
 *
 * <p>The data: 240 training and 200 held-out points of two overlapping Gaussian clouds in four
 * dimensions, generated from a fixed seed. One {@code step()} feeds {@code instances_per_step}
 * instances to {@link SGD#updateClassifier(Instance)} in the current epoch's order (an epoch ends
 * mid-step when it must, and the next one is reshuffled) and reports the held-out {@code accuracy}
 * and {@code log_loss} and the {@code epoch}.
 *
 * <p><b>What Weka saves by itself.</b> {@link SerializationHelper#write} serializes the learner:
 * its weights, its update counter {@code m_t} (the weight decay depends on it) and its header. That
 * is everything <i>inside</i> Weka, and for a batch-trained Weka model it is everything.
 *
 * <p><b>What it leaves out.</b> An incremental learner's result depends on the order in which it
 * saw the instances, and the order is not Weka's: it is this trainable's stream. After a restore
 * the stream must go on from the same instance of the same permutation, and later epochs must be
 * shuffled with the same random numbers. So the checkpoint also holds the epoch's permutation
 * ({@code order}), the position in it, the epoch and the shuffling generator's state ({@link
 * SplitMix64}, whose state is one {@code long}; {@link java.util.Random}'s cannot be read back).
 * Leave them out, and a restored learner is fed the start of a freshly shuffled stream: every
 * restoring check then fails with "state missing from saveCheckpoint", and {@code save-restore}
 * names the field at fault ({@code position (int, saved 50, restored 0)}; the module's README
 * quotes the whole message).
 *
 * <p><b>What it saves too much of.</b> The serialized learner carries its options, the learning
 * rate and {@code lambda} among them. Population-based training restores one trial's checkpoint
 * under another trial's perturbed config, so after loading, {@link #loadCheckpoint} sets the
 * learning rate and {@code lambda} of the config this instance runs under; otherwise the exploited
 * trial's values would silently win ({@code pbt-exploit} catches that).
 *
 * <p><b>Determinism.</b> Weka's SGD has no randomness of its own when it is updated one instance at
 * a time (its seed only shuffles data given to {@code buildClassifier}, which here is empty), and
 * it starts no thread: runs are bit-for-bit reproducible.
 *
 * <p>Config: {@code lr} (0.01), {@code lambda} (1e-4), {@code instances_per_step} (50), {@code
 * seed} (1, the shuffling seed). The checkpoint is the learner in {@code sgd.model} (Weka's own
 * serialization) plus the stream's state as a map.
 */
public class WekaIncrementalSgd extends AbstractTrainable {

  static final String MODEL_FILE = "sgd.model";

  private Instances header;
  private Instances training;
  private Instances holdout;
  private double lr;
  private double lambda;
  private int instancesPerStep;

  // training state
  private SGD learner;
  private SplitMix64 shuffleRng;
  private int[] order;
  private int position;
  private int epoch;

  @Override
  protected void setup(Config config) throws Exception {
    header = header();
    training = instances(Dataset.gaussianClouds(240, 2, 4, 2.0, 20240611L));
    holdout = instances(Dataset.gaussianClouds(200, 2, 4, 2.0, 77L));
    init(config);
  }

  @Override
  protected boolean resetConfig(Config newConfig) throws Exception {
    init(newConfig);
    return true;
  }

  private void init(Config config) throws Exception {
    lr = config.getDouble("lr", 0.01);
    lambda = config.getDouble("lambda", 1e-4);
    instancesPerStep = config.getInt("instances_per_step", 50);
    learner = new SGD();
    learner.setLossFunction(new SelectedTag(SGD.LOGLOSS, SGD.TAGS_SELECTION));
    applyHyperparameters();
    learner.buildClassifier(new Instances(header, 0)); // an empty start, updated one by one
    startStream(config.getLong("seed", 1));
  }

  /** The learner's options that are hyperparameters: the config's, never the checkpoint's. */
  private void applyHyperparameters() {
    learner.setLearningRate(lr);
    learner.setLambda(lambda);
  }

  /** The stream at its beginning: the first epoch's permutation, drawn from {@code seed}. */
  void startStream(long seed) {
    shuffleRng = new SplitMix64(seed);
    order = new int[training.numInstances()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    shuffleRng.shuffle(order);
    position = 0;
    epoch = 0;
  }

  @Override
  protected Map<String, Object> step() throws Exception {
    for (int i = 0; i < instancesPerStep; i++) {
      if (position == order.length) { // the epoch is over: the next one sees a new order
        shuffleRng.shuffle(order);
        position = 0;
        epoch++;
      }
      learner.updateClassifier(training.instance(order[position++]));
    }
    int correct = 0;
    double logLoss = 0;
    for (Instance instance : holdout) {
      double[] p = learner.distributionForInstance(instance);
      int truth = (int) instance.classValue();
      if (p[truth] >= p[1 - truth]) correct++;
      logLoss -= Math.log(Math.max(p[truth], 1e-15));
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", correct / (double) holdout.numInstances());
    metrics.put("log_loss", logLoss / holdout.numInstances());
    metrics.put("epoch", epoch);
    return metrics;
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws Exception {
    writeLearner(checkpointDir);
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("order", order.clone());
    stream.put("position", position);
    stream.put("epoch", epoch);
    stream.put("shuffle_rng", shuffleRng.state());
    return stream;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws Exception {
    readLearner(checkpoint.path());
    JsonMap stream = checkpoint.data();
    int[] savedOrder = stream.getIntArray("order");
    if (savedOrder.length != training.numInstances()) {
      throw new IllegalArgumentException(
          "the checkpoint's stream permutes "
              + savedOrder.length
              + " instances, this data set has "
              + training.numInstances());
    }
    order = savedOrder;
    position = stream.getInt("position");
    epoch = stream.getInt("epoch");
    shuffleRng = new SplitMix64(stream.getLong("shuffle_rng"));
  }

  /** What Weka saves of itself: the learner, written by Weka's own serialization. */
  void writeLearner(Path checkpointDir) throws Exception {
    SerializationHelper.write(checkpointDir.resolve(MODEL_FILE).toString(), learner);
  }

  /** Reads the learner back and gives it this config's hyperparameters. */
  void readLearner(Path checkpointDir) throws Exception {
    learner = (SGD) SerializationHelper.read(checkpointDir.resolve(MODEL_FILE).toString());
    applyHyperparameters();
  }

  private static Instances header() {
    List<Attribute> attributes = new ArrayList<>();
    for (int d = 0; d < 4; d++) attributes.add(new Attribute("x" + d));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances h = new Instances("clouds", new ArrayList<>(attributes), 0);
    h.setClassIndex(4);
    return h;
  }

  private Instances instances(Dataset data) {
    Instances out = new Instances(header, data.size());
    for (int i = 0; i < data.size(); i++) {
      double[] values = new double[data.dimensions() + 1];
      System.arraycopy(data.features()[i], 0, values, 0, data.dimensions());
      values[data.dimensions()] = data.labels()[i];
      out.add(new DenseInstance(1.0, values));
    }
    return out;
  }

  /**
   * Exports {@code "model"}: the learner as Weka serializes it, which Weka's tools load to
   * classify; the stream is training state only and stays out.
   */
  @Override
  protected Map<String, Path> doExportModel(List<String> exportFormats, Path exportDir)
      throws Exception {
    return SingleFormatExport.export(
        exportFormats,
        "model",
        () -> {
          Path file = exportDir.resolve(MODEL_FILE);
          SerializationHelper.write(file.toString(), learner);
          return file;
        });
  }
}

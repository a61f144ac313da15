package dev.trainunit.examples.libraries;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A <a href="https://tribuo.org">Tribuo</a> 4.3 linear model (multinomial logistic regression by
 * SGD with AdaGrad: {@link LinearSGDTrainer} with {@link LogMulticlass}) retrained as labelled data
 * arrives.
 *
 * <p>Tribuo's trainers are batch trainers: every {@code train(dataset)} fits a new model from
 * scratch, and the optimiser's state (AdaGrad's sums) lives only inside that call. So a trainable
 * over Tribuo does what a retraining job does: each {@code step()} takes the next {@code
 * batch_size} examples of a stream (three Gaussian classes in four dimensions, generated from a
 * fixed seed; the stream can be replayed from any position, as a file or a log can), adds them to
 * the data set and trains a new model on all of it, then reports the held-out {@code accuracy} and
 * {@code log_loss} and {@code examples_seen}.
 *
 * <p><b>What Tribuo saves by itself.</b> {@link Model#serializeToFile} writes the model (protobuf):
 * its weights, feature and label maps and its provenance — the trainer's hyperparameters, the data
 * set's description, when it was trained.
 *
 * <p><b>What it leaves out.</b> The trainer. It is not part of any model, and it carries state of
 * its own: its <i>invocation count</i>. Each {@code train} call draws a new random stream from the
 * trainer's seed — the {@code n}-th call the {@code n}-th split of it, for the initial weights and
 * the shuffling of every epoch — and counts the call. A trainer rebuilt after a restore starts at 0
 * again and trains the next model with the random numbers of the first one. So the checkpoint holds
 * {@link LinearSGDTrainer#getInvocationCount()}, and {@link #loadCheckpoint} gives it back with
 * {@link LinearSGDTrainer#setInvocationCount(int)}, beside the stream's position and the model (the
 * trial's result, which {@code step()} replaces and does not train on). Leave the count out, and
 * every restoring check fails with "state missing from saveCheckpoint" (the module's README quotes
 * {@code save-restore}'s message).
 *
 * <p><b>What must not come from the checkpoint.</b> The trainer's hyperparameters: the model's
 * provenance records them, and Tribuo can rebuild a trainer from a provenance, but a trainable
 * restored under population-based training's perturbed config must train with the config's learning
 * rate. The trainer is built from the config, always; only its count comes back.
 *
 * <p><b>Determinism.</b> The trainer's randomness is a function of its seed and invocation count,
 * training is single-threaded and the data set's provenance is given a fixed time, so runs are
 * bit-for-bit reproducible. (The model's provenance still records the wall-clock time of training,
 * which no metric reads.)
 *
 * <p>Config: {@code lr} (0.5, AdaGrad's initial learning rate), {@code epochs} (5), {@code
 * batch_size} (20), {@code seed} (12345, the trainer's seed).
 */
public class TribuoRetrainedLinearSgd extends AbstractTrainable {

  static final String MODEL_FILE = "model.tribuo";
  private static final int STREAM_LENGTH = 600;
  private static final String[] FEATURE_NAMES = {"x0", "x1", "x2", "x3"};
  private static final OffsetDateTime DATA_TIME =
      OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final LabelFactory labels = new LabelFactory();
  private List<Example<Label>> stream;
  private List<Example<Label>> holdout;
  private int batchSize;

  // training state
  private LinearSGDTrainer trainer;
  private int examplesSeen;
  private LinearSGDModel model;

  @Override
  protected void setup(Config config) {
    stream = examples(Dataset.gaussianClouds(STREAM_LENGTH, 3, 4, 1.5, 4242L));
    holdout = examples(Dataset.gaussianClouds(300, 3, 4, 1.5, 99L));
    init(config);
  }

  @Override
  protected boolean resetConfig(Config newConfig) {
    init(newConfig);
    return true;
  }

  private void init(Config config) {
    trainer = newTrainer(config);
    batchSize = config.getInt("batch_size", 20);
    examplesSeen = 0;
    model = null;
  }

  /** The trainer as the config describes it, at invocation count 0. */
  private static LinearSGDTrainer newTrainer(Config config) {
    return new LinearSGDTrainer(
        new LogMulticlass(),
        new AdaGrad(config.getDouble("lr", 0.5), 0.1),
        config.getInt("epochs", 5),
        -1, // log nothing per update
        1,
        config.getLong("seed", 12345L));
  }

  @Override
  protected Map<String, Object> step() {
    int end = Math.min(examplesSeen + batchSize, STREAM_LENGTH);
    if (end == examplesSeen) {
      throw new IllegalStateException("the stream of " + STREAM_LENGTH + " examples is exhausted");
    }
    examplesSeen = end;
    model = trainer.train(dataSoFar());

    int correct = 0;
    double logLoss = 0;
    for (Prediction<Label> prediction : model.predict(holdout)) {
      String truth = prediction.getExample().getOutput().getLabel();
      if (prediction.getOutput().getLabel().equals(truth)) correct++;
      logLoss -= Math.log(Math.max(prediction.getOutputScores().get(truth).getScore(), 1e-15));
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", correct / (double) holdout.size());
    metrics.put("log_loss", logLoss / holdout.size());
    metrics.put("examples_seen", examplesSeen);
    return metrics;
  }

  /** The examples seen so far, replayed from the stream. */
  private MutableDataset<Label> dataSoFar() {
    MutableDataset<Label> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("gaussian clouds, stream", DATA_TIME, labels), labels);
    data.addAll(stream.subList(0, examplesSeen));
    return data;
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws Exception {
    if (model != null) model.serializeToFile(checkpointDir.resolve(MODEL_FILE));
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("examples_seen", examplesSeen);
    state.put("trainer_invocations", trainer.getInvocationCount());
    return state;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws Exception {
    JsonMap state = checkpoint.data();
    restoreTrainer(state);
    examplesSeen = state.getInt("examples_seen");
    Path modelFile = checkpoint.path().resolve(MODEL_FILE);
    model = Files.exists(modelFile) ? readModel(modelFile) : null;
  }

  /**
   * The trainer's own state: the count that picks the random stream of its next train call. The
   * trainer itself stays the one the config built; {@code setInvocationCount} replaces its random
   * state whatever it was.
   */
  void restoreTrainer(JsonMap state) {
    trainer.setInvocationCount(state.getInt("trainer_invocations"));
  }

  private static LinearSGDModel readModel(Path file) throws Exception {
    Model<?> read = Model.deserializeFromFile(file);
    if (!(read instanceof LinearSGDModel linear)) {
      throw new IllegalArgumentException(
          file.getFileName() + " holds a " + read.getClass().getName() + ", not a LinearSGDModel");
    }
    return linear;
  }

  private List<Example<Label>> examples(Dataset data) {
    List<Example<Label>> out = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      Label label = new Label("class" + data.labels()[i]);
      out.add(new ArrayExample<>(label, FEATURE_NAMES, data.features()[i]));
    }
    return out;
  }

  /**
   * Exports {@code "onnx"}: the latest model as an ONNX graph (Tribuo's linear models export
   * themselves), to serve without Tribuo.
   */
  @Override
  protected Map<String, Path> doExportModel(List<String> exportFormats, Path exportDir)
      throws Exception {
    return SingleFormatExport.export(
        exportFormats,
        "onnx",
        () -> {
          if (model == null) throw new IllegalStateException("no model trained yet");
          Path file = exportDir.resolve("model.onnx");
          model.saveONNXModel("dev.trainunit.examples", 1, file);
          return file;
        });
  }
}

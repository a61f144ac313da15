package dev.trainunit.examples.libraries;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import dev.trainunit.examples.SplitMix64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A <a href="https://djl.ai">DJL</a> 0.28 MLP on the PyTorch engine (two tanh layers and a linear
 * output, softmax cross-entropy) learning three interleaved spirals with Adam, one mini-batch at a
 * time through DJL's {@link Trainer} ({@code forward}, {@link GradientCollector#backward}, {@code
 * step}).
 *
 * <p>The data: 300 training and 150 held-out points of three noisy spiral arms, generated from a
 * fixed seed. One {@code step()} trains {@code batches_per_step} mini-batches of {@code batch_size}
 * points in the order of the epoch's permutation (reshuffled when an epoch ends) and reports the
 * held-out {@code loss} and {@code accuracy} and the {@code epoch}.
 *
 * <p><b>What DJL saves by itself.</b> {@link Model#save(Path, String)} writes the block's
 * parameters ({@code mlp-0001.params}) and the model's properties. That is all: it has no place for
 * the optimizer.
 *
 * <p><b>What it leaves out.</b> The optimizer's state — Adam's first and second moments and its
 * step count, which its bias correction reads — and, as for every library, the data order. DJL's
 * own {@link ai.djl.training.optimizer.Adam} keeps its state in private maps with no accessor, so
 * this example trains with {@link ResumableAdam} (the same update), whose state it writes beside
 * the parameters: the moments as an {@link NDList} ({@code adam.ndlist}, DJL's own array encoding)
 * and the step counts, the permutation, the position, the epoch and the shuffling generator's state
 * in the checkpoint's map. Leave the optimizer state out, and a restored model starts Adam from
 * zero moments at step 1: every restoring check fails with "state missing from saveCheckpoint".
 *
 * <p><b>Restoring.</b> {@link Model#load(Path, String)} needs the block first (the architecture is
 * code, not data), and the restored model gets a new {@link Trainer} that is initialised before
 * anything else, as DJL requires. The learning rate comes from the config: nothing in the
 * checkpoint holds one.
 *
 * <p><b>Determinism.</b> DJL initialises parameters from the engine's random generator, which every
 * model in the process shares ({@code Engine.setRandomSeed} seeds it for all of them). This example
 * gives the weights an {@link Initializer} of its own instead, Xavier-uniform from a {@link
 * SplitMix64} seeded by {@code seed}, so no other model can move its draws. Nothing else is random
 * (no dropout), and with one native thread ({@code OMP_NUM_THREADS=1}, set by this module's
 * Surefire configuration) libtorch computes in a fixed order: runs are bit-for-bit reproducible on
 * one machine.
 *
 * <p><b>Native resources.</b> Every NDArray lives in an {@link NDManager}: the data and the model's
 * arrays in the model's manager, each step's in a sub-manager closed when the step ends. {@link
 * #cleanup()} closes the trainer and the model, which frees them. DJL starts a process-wide {@code
 * JNA Cleaner} daemon thread on first use, which TrainUnit's cleanup check tells apart from the
 * trainable's own threads.
 *
 * <p>Config: {@code lr} (0.03), {@code hidden} (24), {@code batch_size} (30), {@code
 * batches_per_step} (10: one epoch per step), {@code seed} (42, for the weights and the shuffle).
 */
public class DjlSpiralMlp extends AbstractTrainable {

  static final String MODEL_NAME = "mlp";
  static final String OPTIMIZER_FILE = "adam.ndlist";
  private static final int CLASSES = 3;

  private Dataset train;
  private Dataset test;
  private float lr;
  private int hidden;
  private int batchSize;
  private int batchesPerStep;
  private long seed;

  // training state
  private Model model;
  private Trainer trainer;
  private ResumableAdam adam;
  private SplitMix64 shuffleRng;
  private int[] order;
  private int position;
  private int epoch;

  @Override
  protected void setup(Config config) {
    train = Dataset.spirals(300, CLASSES, 0.05, 31L);
    test = Dataset.spirals(150, CLASSES, 0.05, 32L);
    init(config);
  }

  @Override
  protected boolean resetConfig(Config newConfig) {
    closeModel();
    init(newConfig);
    return true;
  }

  private void init(Config config) {
    lr = (float) config.getDouble("lr", 0.03);
    hidden = config.getInt("hidden", 24);
    batchSize = config.getInt("batch_size", 30);
    batchesPerStep = config.getInt("batches_per_step", 10);
    seed = config.getLong("seed", 42);
    Model fresh = newModel();
    startTraining(fresh, new SplitMix64(seed ^ 0x5eedL)); // weights drawn from the seed
    shuffleRng = new SplitMix64(seed);
    order = new int[train.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    shuffleRng.shuffle(order);
    position = 0;
    epoch = 0;
  }

  private static Model newModel() {
    return Model.newInstance(MODEL_NAME, Device.cpu(), "PyTorch");
  }

  private Block newBlock() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(hidden).build())
        .add(Activation::tanh)
        .add(Linear.builder().setUnits(hidden).build())
        .add(Activation::tanh)
        .add(Linear.builder().setUnits(CLASSES).build());
  }

  /**
   * Gives {@code m} the block, a new {@link ResumableAdam} and a new trainer, initialised: weights
   * a restored model already holds are kept, missing ones are drawn from {@code initRng}.
   */
  private void startTraining(Model m, SplitMix64 initRng) {
    if (m.getBlock() == null) m.setBlock(newBlock());
    ResumableAdam optimizer = new ResumableAdam(lr, m.getNDManager());
    DefaultTrainingConfig trainingConfig =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(optimizer)
            .optDevices(new Device[] {Device.cpu()})
            .optInitializer(xavierUniform(initRng), Parameter.Type.WEIGHT);
    Trainer t = m.newTrainer(trainingConfig);
    t.initialize(new Shape(batchSize, 2));
    model = m;
    trainer = t;
    adam = optimizer;
  }

  /** Xavier-uniform weights from a generator of this instance's own. */
  private static Initializer xavierUniform(SplitMix64 rng) {
    return (manager, shape, dataType) -> {
      long fanOut = shape.get(0);
      long fanIn = shape.size() / fanOut;
      double limit = Math.sqrt(6.0 / (fanIn + fanOut));
      float[] values = new float[Math.toIntExact(shape.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
      }
      return manager.create(values, shape).toType(dataType, false);
    };
  }

  @Override
  protected Map<String, Object> step() {
    try (NDManager stepArrays = model.getNDManager().newSubManager()) {
      for (int b = 0; b < batchesPerStep; b++) {
        NDList batch = nextBatch(stepArrays);
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(new NDList(batch.get(0)));
          NDArray loss = trainer.getLoss().evaluate(new NDList(batch.get(1)), predictions);
          collector.backward(loss);
        }
        trainer.step();
      }
      NDList holdout = arrays(stepArrays, test, allRows(test.size()));
      NDList predictions = trainer.evaluate(new NDList(holdout.get(0)));
      NDArray labels = holdout.get(1);
      double loss = trainer.getLoss().evaluate(new NDList(labels), predictions).getFloat();
      long correct =
          predictions
              .singletonOrThrow()
              .argMax(1)
              .toType(DataType.FLOAT32, false)
              .eq(labels)
              .sum()
              .getLong();
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("loss", loss);
      metrics.put("accuracy", correct / (double) test.size());
      metrics.put("epoch", epoch);
      return metrics;
    }
  }

  /** The next {@code batch_size} points of the epoch's order; a new epoch is reshuffled. */
  private NDList nextBatch(NDManager manager) {
    int[] rows = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      if (position == order.length) {
        shuffleRng.shuffle(order);
        position = 0;
        epoch++;
      }
      rows[i] = order[position++];
    }
    return arrays(manager, train, rows);
  }

  private static int[] allRows(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) rows[i] = i;
    return rows;
  }

  /** Features (rows × 2) and class indices (rows) of {@code data}, as float32 arrays. */
  private static NDList arrays(NDManager manager, Dataset data, int[] rows) {
    float[] x = new float[rows.length * 2];
    float[] y = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[2 * i] = (float) data.features()[rows[i]][0];
      x[2 * i + 1] = (float) data.features()[rows[i]][1];
      y[i] = data.labels()[rows[i]];
    }
    return new NDList(
        manager.create(x, new Shape(rows.length, 2)), manager.create(y, new Shape(rows.length)));
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) throws Exception {
    model.save(checkpointDir, MODEL_NAME); // the parameters: all that DJL saves
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("adam_steps", saveOptimizer(checkpointDir));
    state.put("order", order.clone());
    state.put("position", position);
    state.put("epoch", epoch);
    state.put("shuffle_rng", shuffleRng.state());
    return state;
  }

  /** What DJL does not save: Adam's moments (a file) and step counts (returned for the map). */
  Map<String, Integer> saveOptimizer(Path checkpointDir) throws Exception {
    Pair<NDList, Map<String, Integer>> state = adam.state(model.getBlock());
    try (NDList moments = state.getKey()) {
      Files.write(checkpointDir.resolve(OPTIMIZER_FILE), moments.encode());
    }
    return state.getValue();
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) throws Exception {
    JsonMap state = checkpoint.data();
    int[] savedOrder = state.getIntArray("order");
    if (savedOrder.length != train.size()) {
      throw new IllegalArgumentException(
          "the checkpoint's stream permutes "
              + savedOrder.length
              + " points, this data set has "
              + train.size());
    }
    Model restored = newModel();
    try {
      restored.setBlock(newBlock());
      restored.load(checkpoint.path(), MODEL_NAME);
    } catch (Exception e) {
      restored.close();
      throw e;
    }
    closeModel();
    startTraining(restored, new SplitMix64(seed)); // every weight is loaded: nothing is drawn
    loadOptimizer(checkpoint.path(), state);
    order = savedOrder;
    position = state.getInt("position");
    epoch = state.getInt("epoch");
    shuffleRng = new SplitMix64(state.getLong("shuffle_rng"));
  }

  /** Adam's moments and step counts back into the new trainer's optimizer. */
  void loadOptimizer(Path checkpointDir, JsonMap state) throws Exception {
    Map<String, Integer> steps = new LinkedHashMap<>();
    JsonMap saved = state.getMap("adam_steps");
    for (String name : saved.keySet()) steps.put(name, saved.getInt(name));
    try (NDManager scratch = model.getNDManager().newSubManager();
        NDList moments =
            NDList.decode(scratch, Files.readAllBytes(checkpointDir.resolve(OPTIMIZER_FILE)))) {
      adam.setState(model.getBlock(), moments, steps);
    }
  }

  @Override
  protected void cleanup() {
    closeModel();
  }

  private void closeModel() {
    if (trainer != null) trainer.close();
    if (model != null) model.close();
    trainer = null;
    model = null;
    adam = null;
  }

  /**
   * Exports {@code "djl"}: {@code Model.save}'s parameters, which a DJL {@code Predictor} over the
   * same block loads; the optimizer state is training state only and stays out.
   */
  @Override
  protected Map<String, Path> doExportModel(List<String> exportFormats, Path exportDir)
      throws Exception {
    return SingleFormatExport.export(
        exportFormats,
        "djl",
        () -> {
          model.save(exportDir, MODEL_NAME);
          return exportDir;
        });
  }
}

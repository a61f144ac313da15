package dev.trainunit.examples.libraries;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam for DJL whose state can be saved and restored: DJL's own {@link
 * ai.djl.training.optimizer.Adam} keeps its moments and step counts in private maps with no
 * accessor, and {@code Model.save} saves parameters only, so a DJL checkpoint cannot hold them.
 * This optimizer applies the same update (Kingma and Ba's Adam with bias correction, no weight
 * decay) with plain NDArray operations and hands its state out by parameter <i>name</i>: DJL's
 * parameter ids are random UUIDs, new for every model, so a restored model's parameters have other
 * ids than the saved one's.
 *
 * <p>The moments live in the {@link NDManager} given to the constructor (the model's), and are
 * freed with it.
 */
public final class ResumableAdam extends Optimizer {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final float learningRate;
  private final NDManager manager;
  private final Map<String, NDArray> means = new HashMap<>();
  private final Map<String, NDArray> variances = new HashMap<>();
  private final Map<String, Integer> steps = new HashMap<>();

  /** Adam with {@code learningRate}, keeping its moments in {@code manager}. */
  public ResumableAdam(float learningRate, NDManager manager) {
    super(new Builder());
    this.learningRate = learningRate;
    this.manager = manager;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    int t = steps.merge(parameterId, 1, Integer::sum);
    NDArray m = means.computeIfAbsent(parameterId, k -> zerosLike(weight));
    NDArray v = variances.computeIfAbsent(parameterId, k -> zerosLike(weight));
    try (NDArray scaled = grad.mul(1 - BETA1)) {
      m.muli(BETA1).addi(scaled);
    }
    try (NDArray squared = grad.square()) {
      v.muli(BETA2).addi(squared.muli(1 - BETA2));
    }
    double correction1 = 1 - Math.pow(BETA1, t);
    double correction2 = 1 - Math.pow(BETA2, t);
    try (NDArray corrected = v.div(correction2);
        NDArray denominator = corrected.sqrt();
        NDArray change = m.mul(learningRate / correction1);
        NDArray values = weight.stopGradient()) {
      // in place on a view without autograd: PyTorch refuses in-place changes of a leaf that
      // requires a gradient, and the view shares the weight's storage
      values.subi(change.divi(denominator.addi(EPSILON)));
    }
    // DJL's own optimizers on PyTorch zero the gradient as they update; so must this one.
    try (NDArray gradient = weight.getGradient()) {
      gradient.subi(gradient);
    }
  }

  private NDArray zerosLike(NDArray weight) {
    return manager.zeros(weight.getShape(), weight.getDataType());
  }

  /**
   * The state, for a checkpoint: the moments as an {@link NDList} of arrays named {@code
   * m/<parameter>} and {@code v/<parameter>} (in the block's parameter order), and the number of
   * updates per parameter name.
   */
  public Pair<NDList, Map<String, Integer>> state(Block block) {
    NDList moments = new NDList();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      String id = p.getValue().getId();
      if (!steps.containsKey(id)) continue; // not updated yet
      NDArray m = means.get(id).duplicate();
      m.setName("m/" + p.getKey());
      NDArray v = variances.get(id).duplicate();
      v.setName("v/" + p.getKey());
      moments.add(m);
      moments.add(v);
      counts.put(p.getKey(), steps.get(id));
    }
    return new Pair<>(moments, counts);
  }

  /**
   * Replaces the state with one {@link #state} returned for a block of the same architecture; the
   * arrays of {@code moments} are copied into this optimizer's manager.
   */
  public void setState(Block block, NDList moments, Map<String, Integer> counts) {
    Map<String, NDArray> byName = new HashMap<>();
    for (NDArray array : moments) byName.put(array.getName(), array);
    Map<String, NDArray> newMeans = new HashMap<>();
    Map<String, NDArray> newVariances = new HashMap<>();
    Map<String, Integer> newSteps = new HashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      Integer count = counts.get(p.getKey());
      if (count == null) continue;
      NDArray m = byName.get("m/" + p.getKey());
      NDArray v = byName.get("v/" + p.getKey());
      if (m == null || v == null) {
        throw new IllegalArgumentException("the optimizer state has no moments of " + p.getKey());
      }
      String id = p.getValue().getId();
      newMeans.put(id, copy(m));
      newVariances.put(id, copy(v));
      newSteps.put(id, count);
    }
    clear();
    means.putAll(newMeans);
    variances.putAll(newVariances);
    steps.putAll(newSteps);
  }

  private NDArray copy(NDArray array) {
    NDArray copy = manager.create(array.getShape(), array.getDataType());
    array.copyTo(copy);
    return copy;
  }

  private void clear() {
    means.values().forEach(NDArray::close);
    variances.values().forEach(NDArray::close);
    means.clear();
    variances.clear();
    steps.clear();
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}

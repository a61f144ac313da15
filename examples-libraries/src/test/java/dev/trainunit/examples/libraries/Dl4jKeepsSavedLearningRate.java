package dev.trainunit.examples.libraries;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The broken variant of {@link Dl4jSpiralMlp} that population-based training suffers from: the
 * network restored from DL4J's zip keeps the learning rate its updater was saved with, so the rate
 * PBT perturbed for the new trial is silently replaced by the exploited trial's.
 */
public class Dl4jKeepsSavedLearningRate extends Dl4jSpiralMlp {

  @Override
  void applyConfigLearningRate(MultiLayerNetwork restored) {}
}

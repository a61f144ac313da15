package dev.trainunit.examples.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's zip holds the updater's configuration, its learning rate with it; {@link Dl4jSpiralMlp}
 * must train on with the learning rate of the config it is restored under. pbt-exploit judges it by
 * training ({@link Dl4jKeepsSavedLearningRateTest}); this holds it on the network's own
 * configuration, every layer's updater.
 */
class Dl4jLearningRateAfterRestoreTest {

  @Test
  void aCheckpointRestoredUnderAnotherConfigTrainsWithThatConfigsLearningRate(@TempDir Path tmp) {
    Dl4jSpiralMlp a =
        TrainableFactory.create(
            Dl4jSpiralMlp.class,
            Config.parse("{\"lr\": 0.03}"),
            Trial.builder(tmp.resolve("a")).build());
    a.train();
    Checkpoint checkpoint = a.save();
    a.stop();

    Dl4jSpiralMlp b =
        TrainableFactory.create(
            Dl4jSpiralMlp.class,
            Config.parse("{\"lr\": 0.001}"),
            Trial.builder(tmp.resolve("b")).build());
    b.restore(checkpoint.path());
    MultiLayerNetwork net = b.network();
    for (int layer = 0; layer < net.getnLayers(); layer++) {
      BaseLayer conf = (BaseLayer) net.getLayerWiseConfigurations().getConf(layer).getLayer();
      assertThat(((Adam) conf.getIUpdater()).getLearningRate()).isEqualTo(0.001);
    }
    b.stop();
  }
}

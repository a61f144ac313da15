package dev.trainunit.examples.libraries;

import java.io.File;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The broken variant of {@link Dl4jSpiralMlp}: the network is written with {@code saveUpdater =
 * false}, as in many tutorials, so a restored network starts Adam from zero moments.
 */
public class Dl4jWithoutUpdaterState extends Dl4jSpiralMlp {

  @Override
  void writeNetwork(File file) throws Exception {
    ModelSerializer.writeModel(network(), file, false);
  }
}

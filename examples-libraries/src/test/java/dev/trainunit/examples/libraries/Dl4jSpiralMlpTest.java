package dev.trainunit.examples.libraries;

import dev.trainunit.annotations.Trainable;

/**
 * {@link Dl4jSpiralMlp} under every check. The second config has another learning rate (pbt-exploit
 * restores the first config's checkpoint under it, and DL4J's zip holds the first one) and another
 * seed (which reset-config must honour). The step timeout allows for ND4J loading its native
 * libraries in fresh-jvm-restore's new JVM.
 */
@Trainable(
    value = Dl4jSpiralMlp.class,
    exportFormats = "dl4j",
    iterations = 6,
    config = {"{}", "{\"lr\": 0.01, \"seed\": 7}"},
    stepTimeout = "2m")
class Dl4jSpiralMlpTest {}

package dev.trainunit.examples.libraries;

import dev.trainunit.annotations.Trainable;

/**
 * {@link DjlSpiralMlp} under every check. The second config has another learning rate (pbt-exploit
 * restores the first config's checkpoint under it) and another seed (which reset-config must
 * honour). The step timeout allows for libtorch loading in fresh-jvm-restore's new JVM.
 */
@Trainable(
    value = DjlSpiralMlp.class,
    exportFormats = "djl",
    iterations = 6,
    config = {"{}", "{\"lr\": 0.01, \"seed\": 7}"},
    stepTimeout = "2m")
class DjlSpiralMlpTest {}

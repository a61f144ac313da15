package dev.trainunit.examples.libraries;

import dev.trainunit.annotations.Trainable;

/**
 * {@link WekaIncrementalSgd} under every check. The second config has another learning rate and
 * {@code lambda}, which pbt-exploit restores the first config's checkpoint under (so a learner
 * whose serialized learning rate overrode the config would fail), and another shuffling seed, which
 * reset-config must honour.
 */
@Trainable(
    value = WekaIncrementalSgd.class,
    exportFormats = "model",
    iterations = 6,
    config = {"{}", "{\"lr\": 0.05, \"lambda\": 0.001, \"seed\": 3}"})
class WekaIncrementalSgdTest {}

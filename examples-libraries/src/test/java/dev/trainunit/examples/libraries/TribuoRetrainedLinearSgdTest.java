package dev.trainunit.examples.libraries;

import dev.trainunit.annotations.Trainable;

/**
 * {@link TribuoRetrainedLinearSgd} under every check. The second config has another learning rate
 * (pbt-exploit restores the first config's checkpoint under it), more epochs and another trainer
 * seed (which reset-config must honour).
 */
@Trainable(
    value = TribuoRetrainedLinearSgd.class,
    exportFormats = "onnx",
    iterations = 6,
    config = {"{}", "{\"lr\": 0.1, \"epochs\": 8, \"seed\": 7}"})
class TribuoRetrainedLinearSgdTest {}

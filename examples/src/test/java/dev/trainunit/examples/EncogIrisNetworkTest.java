package dev.trainunit.examples;

import dev.trainunit.annotations.Trainable;

/**
 * {@link EncogIrisNetwork}, a wrapper around the Encog library, under every check with the defaults
 * ({@code deterministic = true}: single-threaded Encog training is bit-for-bit reproducible) and
 * with a wider network and a higher learning rate.
 */
@Trainable(
    value = EncogIrisNetwork.class,
    iterations = 10,
    config = {"{}", "{\"hidden\": 12, \"lr\": 0.3, \"momentum\": 0.5, \"seed\": 7}"})
class EncogIrisNetworkTest {}

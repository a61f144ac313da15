package dev.trainunit.examples;

import dev.trainunit.annotations.Trainable;

/**
 * {@link PbtLinearRegression}: {@code resetConfig} returns true, so the reset-config check runs
 * (reset to another of these configs must equal a fresh instance with it), and every run ends early
 * with {@code "done": true} well before {@code iterations} — the checks then work on the shortened
 * runs. The second config has a high learning rate and reaches the target sooner.
 */
@Trainable(
    value = PbtLinearRegression.class,
    iterations = 50,
    config = {"{}", "{\"lr\": 0.2, \"batch_size\": 8}", "{\"lr\": 0.01, \"target_mse\": 0.05}"})
class PbtLinearRegressionTest {}

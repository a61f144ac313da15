package dev.trainunit.examples;

import dev.trainunit.annotations.Trainable;

/**
 * {@link QLearningGridWorld}: a reinforcement-learning trainable, whose results carry
 * {@code timesteps_this_iter} and {@code episodes_this_iter}, so the lifecycle and save-restore
 * checks also verify {@code timesteps_total} and {@code episodes_total} across a restore. Shows a
 * per-step timeout, and a check left out with its reason.
 */
@Trainable(
    value = QLearningGridWorld.class,
    iterations = 20,
    config = {"{}", "{\"slip\": 0.0, \"epsilon_decay\": 0.95}"},
    stepTimeout = "10s",
    skip = "lifecycle-fuzz",
    skipReason = "Kept out of this module's build to show skip/skipReason: this model has three pieces of state "
        + "(Q-table, RNG state, episode count), each already proven by save-restore, checkpoint-roundtrip, "
        + "reset-config and fresh-jvm-restore; the other examples run lifecycle-fuzz.")
class QLearningGridWorldTest {}

package dev.trainunit.examples;

import dev.trainunit.annotations.Trainable;

/**
 * {@link QLearningGridWorld}: a reinforcement-learning trainable, whose results carry {@code
 * timesteps_this_iter} and {@code episodes_this_iter}, so the lifecycle and save-restore checks
 * also verify {@code timesteps_total} and {@code episodes_total} across a restore. Shows a per-step
 * timeout, and a check left out with its reason: a greedy policy read off a Q-table has no export
 * format yet, so there is nothing for {@code export-model} to prove.
 */
@Trainable(
    value = QLearningGridWorld.class,
    iterations = 20,
    config = {"{}", "{\"slip\": 0.0, \"epsilon_decay\": 0.95}"},
    stepTimeout = "10s",
    skip = "export-model",
    skipReason =
        "the Q-table policy has no export format yet; SoftmaxIrisClassifierTest shows exportModel being checked")
class QLearningGridWorldTest {}

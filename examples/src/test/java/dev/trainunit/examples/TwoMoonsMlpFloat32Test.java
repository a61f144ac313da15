package dev.trainunit.examples;

import dev.trainunit.annotations.Trainable;

/**
 * {@link TwoMoonsMlp} with float32 checkpoints: the weights and Adam's moments are rounded to
 * 32-bit floats when saved, so a restored run is close to, not identical with, the uninterrupted
 * one. The {@code tolerance} (relative) says how close is close enough; it is the one legitimate
 * use of a tolerance — state that loses precision in a checkpoint on purpose. Runs from fresh
 * instances (determinism, reset-config) still agree exactly. {@link Float32CheckpointTest} shows
 * the difference is real and within the tolerance.
 */
@Trainable(
    value = TwoMoonsMlp.class,
    iterations = 10,
    config = TwoMoonsMlpFloat32Test.CONFIG,
    tolerance = TwoMoonsMlpFloat32Test.TOLERANCE)
class TwoMoonsMlpFloat32Test {
  static final String CONFIG = "{\"checkpoint_precision\": \"float32\"}";
  static final double TOLERANCE = 1e-5;
}

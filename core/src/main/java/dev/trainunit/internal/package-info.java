/**
 * What every other package of TrainUnit shares and no user should: the one Jackson configuration
 * ({@link dev.trainunit.internal.Json}), with its JSON-shape checks and copies, and {@link
 * dev.trainunit.internal.CheckpointIo}, which joins the checkpoint streams model code opens to the
 * storage that checksums them and the rule for the names of checkpoint files. Internal: marked
 * {@code @API(status = INTERNAL)}, used by the engine too, and free to change in any release.
 * Depends on nothing else of TrainUnit, so that any package may use it.
 */
package dev.trainunit.internal;

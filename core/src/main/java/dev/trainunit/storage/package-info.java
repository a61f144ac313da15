/**
 * Checkpoints on disk and their remote copy: the checkpoint format (a metadata file holding the
 * counters, the last result and a manifest of sizes and CRC32C checksums, written last and checked
 * first), atomic writes and deletes, the numbering of a trial's checkpoints, reading one back and
 * refusing it when it cannot be trusted, and syncing the trial directory to any NIO file system.
 * Internal: model code never uses it, it saves and restores through {@code AbstractTrainable}.
 *
 * <p>{@link dev.trainunit.storage.TrialStorage} is the one way in; {@link
 * dev.trainunit.storage.CheckpointFiles} names the files, for TrainUnit's other modules. Both are
 * {@code @API(status = INTERNAL)}; everything else is package-private. Written against the types of
 * {@code dev.trainunit} ({@code Checkpoint}, {@code CheckpointMetadata}, {@code
 * CheckpointException}, the options) and {@code dev.trainunit.internal}; never against the runtime
 * nor {@code dev.trainunit.logging}.
 */
package dev.trainunit.storage;

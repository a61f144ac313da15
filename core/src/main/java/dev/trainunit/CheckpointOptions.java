package dev.trainunit;

import org.apiguardian.api.API;

/**
 * How carefully {@code save()} writes and {@code restore()} reads a checkpoint.
 *
 * @param fsync whether {@code save()} forces every file and the directory to the storage device
 *     before the checkpoint is published. A checkpoint is always published by an atomic rename, so
 *     a process killed during {@code save()} never leaves a partial checkpoint behind; fsync adds
 *     the same promise for a machine that loses power, at the cost of waiting for the disk.
 * @param verifyChecksums whether {@code restore()} checks each file's CRC32C against the manifest
 *     written by {@code save()}. Sizes and the manifest are always checked; checksums also catch
 *     flipped bytes, at the cost of reading each file once more.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
public record CheckpointOptions(boolean fsync, boolean verifyChecksums) {

  /** No fsync, checksums verified: safe against a killed process and against damaged files. */
  public static final CheckpointOptions DEFAULT = new CheckpointOptions(false, true);
}

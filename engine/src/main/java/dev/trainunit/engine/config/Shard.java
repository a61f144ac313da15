package dev.trainunit.engine.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apiguardian.api.API;

/**
 * One shard of a suite split across CI machines: shard {@code index} of {@code total}, numbered
 * from 0 as Bazel numbers them ({@code TEST_SHARD_INDEX}).
 *
 * <p>What belongs to a shard depends on the thing itself, never on the order of discovery: each
 * trainable × config is owned by the shard a hash of its {@linkplain TrainableDeclaration#shardKey
 * key} (the test class's name and the config) gives. Every machine computes the same owner without
 * talking to the others, so the shards together run every node exactly once, and adding a class or
 * a config moves nothing else. The price is balance: few keys may spread unevenly.
 *
 * @param index 0-based, less than {@code total}
 * @param total at least 1
 */
@API(status = API.Status.INTERNAL)
public record Shard(int index, int total) {

  public Shard {
    if (total < 1 || index < 0 || index >= total)
      throw new IllegalArgumentException("no shard " + index + " of " + total);
  }

  /** "shard 1 of 4" for index 0: counted from 1, as Bazel's own output says it. */
  public String label() {
    return "shard " + (index + 1) + " of " + total;
  }

  /** Whether the node of {@code key} runs in this shard. */
  public boolean owns(String key) {
    return ownerOf(key, total) == index;
  }

  /**
   * The shard of {@code key} among {@code total}: SHA-256, because it is the same on every JVM (the
   * specification requires it) and spreads keys that differ in one character, which {@code
   * String.hashCode} modulo a small total does not.
   */
  static int ownerOf(String key, int total) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must implement SHA-256", e);
    }
    long hash = ByteBuffer.wrap(sha256.digest(key.getBytes(StandardCharsets.UTF_8))).getLong();
    return (int) Math.floorMod(hash, (long) total);
  }
}

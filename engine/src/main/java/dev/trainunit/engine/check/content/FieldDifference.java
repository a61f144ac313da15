package dev.trainunit.engine.check.content;

import org.apiguardian.api.API;

/**
 * One field in which a restored trainable differs from the instance that saved the checkpoint:
 * evidence for a failure message, never a verdict of its own.
 *
 * @param path the field as a model author names it: {@code velocity}, {@code rng.state}; a map, a
 *     collection or an array of objects is one field however many of its elements differ
 * @param type a short type: {@code double[5]}, {@code long}, {@code HashMap}
 * @param amount how much it differs: {@code max |Δ| 0.31}, {@code saved 42, restored 17}, {@code
 *     first at .get("b"): saved 3, restored 4}, {@code differs}; or why it could not be compared,
 *     {@code not comparable: ...}
 * @param comparable false when nothing could tell the two values apart, or comparing them failed:
 *     the field may or may not differ
 */
@API(status = API.Status.INTERNAL)
public record FieldDifference(String path, String type, String amount, boolean comparable) {

  /** {@code velocity (double[5], max |Δ| 0.31)}. */
  public String render() {
    return path + " (" + type + (amount.isEmpty() ? "" : ", " + amount) + ")";
  }
}

/**
 * Comparing state by what it holds rather than by its bytes: checkpoints as object graphs, zip
 * entries, Java serialization streams and JSON trees (used by {@code checkpoint-roundtrip}), and a
 * restored trainable with the instance that saved it, field by field ({@link
 * dev.trainunit.engine.check.content.FieldDifferences}, evidence for a failure message). One
 * walker, {@code GraphWalk}, serves both. And what keeps an object alive ({@link
 * dev.trainunit.engine.check.content.Holders}, for {@code cleanup}): another walk, {@code
 * StrongReach}, follows one graph as the garbage collector does. It knows nothing of checks or
 * runs.
 *
 * <p>Imports no other engine package; imported by check only.
 */
package dev.trainunit.engine.check.content;

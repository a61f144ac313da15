/**
 * Comparing checkpoints by the state they hold rather than by their bytes: object graphs, zip
 * entries, Java serialization streams and JSON trees. Used by {@code checkpoint-roundtrip}; it
 * knows nothing of checks or runs.
 *
 * <p>Imports no other engine package; imported by check only.
 */
package dev.trainunit.engine.check.content;

/**
 * Driving trainables: instances and their trial directories, the recorded reference run and its
 * checkpoints, the buffered run, runs in a fresh JVM, step timeouts, step tallies and comparing
 * result streams. It knows nothing of checks; the checks are built on it.
 *
 * <p>May import config only; imported by check, check.fuzz, report, execution and descriptor.
 */
package dev.trainunit.engine.run;

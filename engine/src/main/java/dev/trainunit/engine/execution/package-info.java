/**
 * The {@link dev.trainunit.engine.execution.TrainUnitContext} that flows down the test tree while
 * it executes: settings, listener, output root, the run's record for the report and the subjects of
 * a trainable's configs.
 *
 * <p>May import report, run and config; imported by descriptor and the engine's root package.
 */
package dev.trainunit.engine.execution;

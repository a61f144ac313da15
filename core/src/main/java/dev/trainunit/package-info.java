/**
 * Ray Tune's {@code Trainable} for the JVM: what a model author extends, configures and drives.
 * Model code uses this package.
 *
 * <p>Extend {@link dev.trainunit.AbstractTrainable} and implement its hooks ({@code setup}, {@code
 * step}, {@code saveCheckpoint}, {@code loadCheckpoint}, {@code resetConfig}, {@code cleanup},
 * ...); read hyperparameters from a {@link dev.trainunit.Config}; build a trainable with {@link
 * dev.trainunit.TrainableFactory} for a {@link dev.trainunit.Trial}. Then {@code train()} returns a
 * {@link dev.trainunit.Result} and {@code save()} a {@link dev.trainunit.Checkpoint}. The other
 * public types are what those signatures expose: {@link dev.trainunit.JsonMap} (the typed getters
 * of config, result and checkpoint data), {@link dev.trainunit.CheckpointMetadata}, the exceptions,
 * and the settings of a trial ({@link dev.trainunit.CheckpointOptions}, {@link
 * dev.trainunit.SyncConfig}, {@link dev.trainunit.Resources}), plus {@link
 * dev.trainunit.WorkingDirectory} for a trial run in its own JVM. Each public type says how far it
 * can be relied on with {@code @API}: a {@code STABLE} one stays source-compatible, an {@code
 * EXPERIMENTAL} one may change in a minor release.
 *
 * <p>The package holds two layers. Its <em>types</em> (the values and exceptions above, and the
 * package-private {@code TrainingCounters} and {@code Host}) are what {@code dev.trainunit.storage}
 * and {@code dev.trainunit.logging} are written against. Its <em>runtime</em> drives a trainable
 * and uses those two packages: {@code AbstractTrainable}, {@code TrainableFactory}, {@code Trial},
 * and the package-private {@code TrainableHooks} (calls the hooks), {@code Lifecycle} (built,
 * started, stopped), {@code TrialResultLogs} (the result logs of a running trial) and {@code
 * TrainBuffer}. Imports go one way, runtime, then storage and logging, then types, then {@code
 * dev.trainunit.internal}; {@code ArchitectureTest} fails the build on an import against that
 * direction or a cycle.
 */
package dev.trainunit;

/**
 * The nodes of the TrainUnit test tree (engine, trainable, config, check, and the nodes that report
 * declaration errors) and what each executes: a config node makes the subjects its checks share and
 * publishes the reference run once they are done (the first check that needs the run makes it), a
 * check node runs its check.
 *
 * <p>May import execution, report, check, run and config; imported by discovery and the engine's
 * root package. It does not know how the tree is discovered.
 */
package dev.trainunit.engine.descriptor;

/**
 * Discovery: resolves the JUnit selectors to {@code @Trainable} classes, reads and checks their
 * declarations ({@link dev.trainunit.engine.discovery.DeclarationReader}) and builds the test tree
 * of {@link dev.trainunit.engine.descriptor} nodes for them, or the nodes that report a declaration
 * error.
 *
 * <p>May import descriptor, check (the catalogue, to know the check ids), config and everything
 * below; only the engine's root package imports it.
 */
package dev.trainunit.engine.discovery;

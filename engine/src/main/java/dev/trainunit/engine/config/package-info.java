/**
 * What the engine is told: the configuration keys ({@link dev.trainunit.engine.config.Constants},
 * the one public API of this package), the engine-wide settings read from them, and each
 * trainable's declaration as read ({@link dev.trainunit.engine.config.TrainableDeclaration}).
 *
 * <p>The bottom of the engine: it imports no other engine package, and every one may import it.
 */
package dev.trainunit.engine.config;

/**
 * The checks of the catalogue ({@link dev.trainunit.engine.check.CheckCatalog}), what a running
 * check works with ({@link dev.trainunit.engine.check.CheckContext}) and what several checks share:
 * failures, evidence and likely causes.
 *
 * <p>May import check.fuzz, check.content, run and config; imported by report, descriptor,
 * discovery and the engine's root package.
 */
package dev.trainunit.engine.check;

/**
 * The parts of the {@code lifecycle-fuzz} check: the operations a sequence is made of, their seeded
 * generation, running one sequence against the reference run, and shrinking a failing sequence to a
 * minimal one.
 *
 * <p>May import run and config, not the check package: what a sequence run needs of its check it
 * gets through {@link dev.trainunit.engine.check.fuzz.SequenceContext}. Imported by check only.
 */
package dev.trainunit.engine.check.fuzz;

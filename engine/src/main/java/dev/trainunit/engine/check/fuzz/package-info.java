/**
 * The parts of the {@code lifecycle-fuzz} check: the operations a sequence is made of, their
 * seeded generation, running one sequence against the reference run, and shrinking a failing
 * sequence to a minimal one.
 */
package dev.trainunit.engine.check.fuzz;

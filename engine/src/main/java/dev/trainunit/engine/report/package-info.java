/**
 * What one engine execution recorded ({@link dev.trainunit.engine.report.RunRecord}), stored as
 * report parts merged across the build's forks and sessions, and rendered as the HTML report,
 * {@code trainunit-summary.json} and the console summary.
 *
 * <p>May import check (a check's id and description, a divergence to draw), run and config;
 * imported by execution and descriptor. No check imports it: checks report through their context.
 */
package dev.trainunit.engine.report;

/**
 * The TrainUnit test engine (id {@code trainunit}): {@link
 * dev.trainunit.engine.TrainUnitTestEngine}, registered in {@code
 * META-INF/services/org.junit.platform.engine.TestEngine}, which JUnit loads. Together with the
 * configuration keys of {@link dev.trainunit.engine.config.Constants} it is all that users see;
 * everything else in the engine is internal.
 *
 * <p>The engine's packages import one way, top to bottom (a package may import any package below
 * it, never one above; {@code ArchitectureTest} enforces it):
 *
 * <pre>
 *   dev.trainunit.engine              the TestEngine: discovery and execution of the tree
 *   discovery                         selectors to descriptors, declarations read and checked
 *   descriptor                        the nodes of the test tree and what they execute
 *   execution                         the context that flows down the tree while it executes
 *   report                            what a run recorded, rendered as HTML, JSON and a console summary
 *   check                             the checks of the catalogue and what they share
 *   check.fuzz    check.content       parts of single checks (neither uses the other)
 *   run                               driving trainables: reference runs, instances, fresh JVMs, comparisons
 *   config                            the configuration keys, engine settings and trainable declarations
 * </pre>
 *
 * <p>Besides these, every package may use core ({@code dev.trainunit..}), the annotations and the
 * JUnit Platform.
 */
package dev.trainunit.engine;

package dev.trainunit.engine.run;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What {@code exportModel} did at the end of the reference run, for the export-model check.
 *
 * @param dir the export directory it was given
 * @param exported what it returned, per format; empty when it threw
 * @param failure what it threw, if anything
 * @param trainedIterations iterations trained before the export
 */
@API(status = API.Status.INTERNAL)
public record ExportAttempt(
    Path dir,
    Map<String, Path> exported,
    Optional<RuntimeException> failure,
    int trainedIterations) {}

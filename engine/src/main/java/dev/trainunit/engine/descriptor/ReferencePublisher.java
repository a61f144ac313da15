package dev.trainunit.engine.descriptor;

import dev.trainunit.engine.execution.TrainUnitContext;
import dev.trainunit.engine.report.Cost;
import dev.trainunit.engine.run.Metrics;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Hands one config's reference run and what its checks cost to the report, and publishes its final
 * metrics and result files as entries of the node that holds that config's checks. Called from that
 * node's own {@code after}, while it is still running: an entry published once a node has finished
 * has no owner in Open Test Reporting's output.
 */
final class ReferencePublisher {

  private static final List<String> RESULT_FILES =
      List.of("result.json", "progress.csv", "params.json");

  private ReferencePublisher() {}

  static void publish(TrainUnitContext context, TestDescriptor owner, int configIndex) {
    // No subjects when the trainable's before() failed: then there is nothing to publish.
    if (configIndex >= context.subjects().size()) return;
    TrialSubject subject = context.subject(configIndex);
    int runLength = subject.completedReference().map(ReferenceRun::length).orElse(0);
    context
        .record()
        .cost(
            subject.declaration(),
            configIndex,
            new Cost(subject.tally().steps(), runLength, subject.tally().elapsedMillis()));
    subject
        .completedReference()
        .ifPresent(
            run -> {
              context.record().reference(subject.declaration(), subject.configIndex(), run);
              entries(context, owner, subject, run);
            });
  }

  private static void entries(
      TrainUnitContext context, TestDescriptor owner, TrialSubject subject, ReferenceRun run) {
    if (run.results().isEmpty()) return;
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("config", subject.declaration().configLabel(subject.configIndex()));
    Metrics.comparable(run.results().get(run.length() - 1), subject.declaration().ignoredMetrics())
        .forEach((k, v) -> entry.put("final." + k, String.valueOf(v)));
    context.listener().reportingEntryPublished(owner, ReportEntry.from(entry));
    for (String file : RESULT_FILES) {
      Path p = run.logdir().resolve(file);
      if (Files.isRegularFile(p)) {
        context
            .listener()
            .fileEntryPublished(
                owner, FileEntry.from(p, file.endsWith(".csv") ? "text/csv" : "application/json"));
      }
    }
  }
}

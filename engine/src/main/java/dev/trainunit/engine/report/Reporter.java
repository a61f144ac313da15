package dev.trainunit.engine.report;

import dev.trainunit.engine.config.Constants;
import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.config.Shard;
import dev.trainunit.engine.run.AbandonedThreads;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Writes the report of the build, once per engine execution, when it ends: stores what this
 * execution ran as report parts (see {@link ReportParts}), merged check by check into what earlier
 * executions stored, then renders from every part the HTML report ({@code <output
 * root>/report/index.html}, unless {@code trainunit.report.enabled=false}) and {@code
 * trainunit-summary.json} beside it. So the report covers every fork and launcher session of the
 * build, whichever finishes last. The console summary (unless {@code trainunit.report.quiet=true})
 * tells what this execution ran.
 */
@API(status = API.Status.INTERNAL)
public final class Reporter {

  public static final String HTML = "index.html";

  private Reporter() {}

  /**
   * Writes the report into {@code dir} and prints the summary. A report that cannot be written is
   * told on {@code err}; it does not fail the run, whose verdicts stand without it.
   */
  public static void finish(
      EngineSettings settings, Path dir, RunRecord record, PrintStream out, PrintStream err) {
    if (record.isEmpty()) return;
    List<Section> ran = record.sections();
    Optional<Path> html =
        settings.reportEnabled() ? Optional.of(dir.resolve(HTML)) : Optional.empty();
    Path json = dir.resolve(JsonSummary.FILE);
    String where;
    try {
      ReportLock.holding(
          dir,
          () -> {
            ReportParts parts = new ReportParts(dir, err);
            for (Map.Entry<String, List<Section>> c : byTestClass(ran).entrySet()) {
              parts.write(c.getKey(), PartMerge.merge(parts.read(c.getKey()), c.getValue()));
            }
            render(parts.readAll(), html, json, dir);
            return null;
          });
      where =
          html.map(Path::toString)
              .orElse("HTML off (" + Constants.REPORT_ENABLED + "=false), summary " + json);
    } catch (IOException | RuntimeException e) {
      err.println("TrainUnit: could not write the report to " + dir + ": " + e);
      where = "not written (" + e.getMessage() + ")";
    }
    if (!settings.reportQuiet()) {
      out.print(ConsoleSummary.lines(ran, where));
      out.flush();
    }
    List<AbandonedThreads.Abandoned> abandoned = AbandonedThreads.stillRunning();
    if (!abandoned.isEmpty()) {
      err.println(ConsoleSummary.abandoned(abandoned));
      err.flush();
    }
  }

  /**
   * Says that this execution, shard {@code shard} of the suite, was left nothing to run (unless
   * {@code trainunit.report.quiet=true}).
   *
   * @param elsewhere the trainables × configs the other shards run
   */
  public static void nothingInShard(
      EngineSettings settings, Shard shard, int elsewhere, PrintStream out) {
    if (settings.reportQuiet()) return;
    out.println(ConsoleSummary.nothingInShard(shard, elsewhere));
    out.flush();
  }

  private static Map<String, List<Section>> byTestClass(List<Section> sections) {
    Map<String, List<Section>> out = new LinkedHashMap<>();
    for (Section s : sections) out.computeIfAbsent(s.testClass(), k -> new ArrayList<>()).add(s);
    return out;
  }

  private static void render(List<Section> sections, Optional<Path> html, Path json, Path dir)
      throws IOException {
    Instant now = Instant.now();
    if (html.isPresent()) {
      AtomicFile.write(html.get(), HtmlReport.render(sections, now));
    } else {
      Files.deleteIfExists(dir.resolve(HTML)); // an old report would pass for this run's
    }
    AtomicFile.write(
        json,
        Json.MAPPER
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(JsonSummary.build(sections, now, html)));
  }
}

package dev.trainunit.engine.report;

import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes what one engine execution did, once, when it ends: the HTML report
 * ({@code <output root>/report/index.html}, unless {@code trainunit.report.enabled=false}),
 * {@code trainunit-summary.json} beside it, and a console summary (unless
 * {@code trainunit.report.quiet=true}).
 */
public final class Reporter {

  public static final String HTML = "index.html";

  private Reporter() {}

  /**
   * Writes the report into {@code dir} and prints the summary. A report that cannot be written is told on
   * {@code err}; it does not fail the run, whose verdicts stand without it.
   */
  public static void finish(EngineSettings settings, Path dir, RunRecord record, PrintStream out, PrintStream err) {
    if (record.isEmpty()) return;
    List<Section> sections = record.sections();
    Instant now = Instant.now();
    Optional<Path> html = settings.reportEnabled() ? Optional.of(dir.resolve(HTML)) : Optional.empty();
    Path json = dir.resolve(JsonSummary.FILE);
    String where;
    try {
      Files.createDirectories(dir);
      if (html.isPresent()) {
        write(html.get(), HtmlReport.render(sections, now));
      } else {
        Files.deleteIfExists(dir.resolve(HTML)); // an old report would pass for this run's
      }
      write(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(JsonSummary.build(sections, now, html)));
      where = html.map(Path::toString).orElse("HTML off (" + EngineSettings.REPORT_ENABLED + "=false), summary " + json);
    } catch (IOException | RuntimeException e) {
      err.println("TrainUnit: could not write the report to " + dir + ": " + e);
      where = "not written (" + e.getMessage() + ")";
    }
    if (!settings.reportQuiet()) {
      out.print(ConsoleSummary.lines(sections, where));
      out.flush();
    }
  }

  private static void write(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}

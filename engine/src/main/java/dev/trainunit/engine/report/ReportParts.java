package dev.trainunit.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The report parts of one report directory, {@code <report dir>/parts/<test class>.json}: what each
 * test class ran, kept across engine executions until the output directory is cleaned, so that the
 * report covers every fork and every launcher session of the build.
 *
 * <p>A part that cannot be read (half-written by a killed fork, another format) is ignored with one
 * line on {@code err} naming it: the report is a by-product and must never fail the run. Callers
 * hold the {@link ReportLock}.
 */
final class ReportParts {

  static final String DIR = "parts";
  private static final String SUFFIX = ".json";

  private final Path dir;
  private final PrintStream err;

  ReportParts(Path reportDir, PrintStream err) {
    this.dir = reportDir.resolve(DIR);
    this.err = err;
  }

  /**
   * The stored sections of {@code testClass}; empty when it has no part, or none that can be read.
   */
  List<Section> read(String testClass) {
    return parse(file(testClass)).map(ReportPart::sections).orElse(List.of());
  }

  /** Stores {@code sections} as the part of {@code testClass}, replacing the one before. */
  void write(String testClass, List<Section> sections) throws IOException {
    Files.createDirectories(dir);
    AtomicFile.write(
        file(testClass),
        Json.MAPPER
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(new ReportPart(testClass, sections)));
  }

  /**
   * The sections of every part that can be read and whose test class can still be loaded: a class
   * that was deleted is left out, so that it does not linger in the report.
   */
  List<Section> readAll() throws IOException {
    List<Section> all = new ArrayList<>();
    if (!Files.isDirectory(dir)) return all;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        parse(file)
            .filter(p -> ReflectionSupport.tryToLoadClass(p.testClass()).toOptional().isPresent())
            .ifPresent(p -> all.addAll(p.sections()));
      }
    }
    all.sort(Section.ORDER);
    return all;
  }

  private Path file(String testClass) {
    return dir.resolve(testClass + SUFFIX);
  }

  private Optional<ReportPart> parse(Path file) {
    String problem;
    try {
      ReportPart part =
          Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), ReportPart.class);
      problem = part == null ? "empty" : part.problem();
      if (problem.isEmpty()) return Optional.of(part);
    } catch (NoSuchFileException e) {
      return Optional.empty(); // none yet, or cleaned away since it was listed: nothing to render
    } catch (JsonProcessingException e) {
      problem = Json.describe(e);
    } catch (IOException e) {
      problem = e.toString();
    }
    err.println("TrainUnit: ignored report part " + file + ": " + problem);
    return Optional.empty();
  }
}

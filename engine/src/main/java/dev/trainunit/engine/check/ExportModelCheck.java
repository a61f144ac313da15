package dev.trainunit.engine.check;

import dev.trainunit.engine.run.ExportAttempt;
import dev.trainunit.engine.run.TrialSubject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code export-model}: after training, {@code exportModel} writes, for each format declared in
 * {@code @Trainable(exportFormats)}, a non-empty file (or a directory holding at least one
 * non-empty file) inside the export directory. Skipped when no formats are declared.
 *
 * <p>The export judged is the one the shared reference run made at its end, before it stopped: no
 * step of its own.
 */
final class ExportModelCheck implements Check {

  @Override
  public String id() {
    return "export-model";
  }

  @Override
  public String description() {
    return "each declared export format produces a non-empty file under the export directory";
  }

  @Override
  public Optional<String> skipReason(TrialSubject subject) {
    return subject.declaration().exportFormats().isEmpty()
        ? Optional.of(
            "no export formats declared; list them in @Trainable(exportFormats) to check exportModel")
        : Optional.empty();
  }

  @Override
  public void run(CheckContext context) {
    List<String> formats = context.declaration().exportFormats();
    ExportAttempt attempt = context.reference().export().orElseThrow();
    Path exportDir = attempt.dir();
    if (attempt.failure().isPresent()) {
      throw Failures.failed(
          "exportModel("
              + formats
              + ") after "
              + attempt.trainedIterations()
              + " iterations failed",
          attempt.failure().get());
    }
    Map<String, Path> exported = attempt.exported();
    Path realExportDir = real(exportDir);
    for (String format : formats) {
      Path written = exported.get(format);
      if (written == null) {
        throw Failures.failed(
            "exportModel returned no path for format '"
                + format
                + "' (it returned "
                + exported
                + ")");
      }
      Path path = written.isAbsolute() ? written : exportDir.resolve(written);
      if (!Files.exists(path)) {
        throw Failures.failed(
            "export format '"
                + format
                + "': exportModel returned "
                + path
                + ", which does not exist — doExportModel must return the file or directory it wrote");
      }
      if (!real(path).startsWith(realExportDir)) {
        throw Failures.failed(
            "export format '"
                + format
                + "' was written to "
                + path
                + ", outside the export directory "
                + exportDir
                + " — write under the exportDir argument of doExportModel");
      }
      long bytes = size(path);
      if (bytes == 0) {
        throw Failures.failed(
            "export format '"
                + format
                + "' wrote "
                + (Files.isDirectory(path) ? "a directory with no content: " : "an empty file: ")
                + path
                + " (0 bytes) — was the stream flushed and closed before doExportModel returned?");
      }
      context.report("export." + format, path + " (" + bytes + " bytes)");
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + p, e);
    }
  }

  /** The bytes of a file, or of every regular file under a directory. */
  private static long size(Path path) {
    try (Stream<Path> all = Files.walk(path)) {
      long total = 0;
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p)) total += Files.size(p);
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure export " + path, e);
    }
  }
}

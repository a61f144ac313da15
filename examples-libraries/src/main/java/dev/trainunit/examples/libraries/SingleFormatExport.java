package dev.trainunit.examples.libraries;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each example's {@code doExportModel} does: it knows one format, the library's own, and
 * refuses any other by name.
 */
final class SingleFormatExport {

  /** Writes the model into the export directory and returns the file or directory written. */
  @FunctionalInterface
  interface Writer {
    Path write() throws Exception;
  }

  private SingleFormatExport() {}

  /**
   * {@code writer}'s output for each of {@code exportFormats}, which may only be {@code format}.
   */
  static Map<String, Path> export(List<String> exportFormats, String format, Writer writer)
      throws Exception {
    Map<String, Path> written = new LinkedHashMap<>();
    for (String requested : exportFormats) {
      if (!requested.equals(format)) {
        throw new IllegalArgumentException(
            "unknown export format '" + requested + "'; this model exports " + format);
      }
      written.put(requested, writer.write());
    }
    return written;
  }
}

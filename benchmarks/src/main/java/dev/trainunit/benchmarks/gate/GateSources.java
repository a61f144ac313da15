package dev.trainunit.benchmarks.gate;

import java.util.List;

/**
 * Where the two sides' results came from, for the head of the table and the verdict file.
 *
 * @param mode "files" or "interleaved"
 * @param baseline the baseline's result file, or its class path
 * @param candidate the candidate's result file, or its class path
 * @param order the interleaved mode's runs in the order they ran ("baseline", "candidate", ...);
 *     empty for files
 */
record GateSources(String mode, String baseline, String candidate, List<String> order) {

  GateSources {
    order = List.copyOf(order);
  }

  static GateSources files(String baseline, String candidate) {
    return new GateSources("files", baseline, candidate, List.of());
  }
}

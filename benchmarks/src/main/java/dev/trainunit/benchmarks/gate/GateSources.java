package dev.trainunit.benchmarks.gate;

/**
 * Where the two sides' results came from, for the verdict file.
 *
 * @param mode "files"
 * @param baseline the baseline's result file
 * @param candidate the candidate's result file
 */
record GateSources(String mode, String baseline, String candidate) {

  static GateSources files(String baseline, String candidate) {
    return new GateSources("files", baseline, candidate);
  }
}

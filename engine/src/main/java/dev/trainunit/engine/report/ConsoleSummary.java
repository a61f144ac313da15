package dev.trainunit.engine.report;

import java.util.List;

/**
 * The lines printed at the end of a run, one per trainable and config: {@code TrainUnit:
 * BrokenMissingMomentum: 5 passed, 1 failed, 0 skipped; 74 steps (7.4× the run), 3.2 s; report:
 * /.../report/index.html}.
 */
final class ConsoleSummary {

  private ConsoleSummary() {}

  /**
   * @param where the HTML report's path, or what to say instead when it is turned off
   */
  static String lines(List<Section> sections, String where) {
    StringBuilder sb = new StringBuilder();
    for (Section s : sections) {
      sb.append(line(s, where)).append(System.lineSeparator());
    }
    return sb.toString();
  }

  static String line(Section s, String where) {
    String cost = s.cost() == null ? "" : "; " + s.cost().describe();
    return "TrainUnit: "
        + s.title()
        + ": "
        + s.passed()
        + " passed, "
        + s.failed()
        + " failed, "
        + s.skipped()
        + " skipped"
        + cost
        + "; report: "
        + where;
  }
}

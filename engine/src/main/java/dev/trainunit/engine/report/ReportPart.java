package dev.trainunit.engine.report;

import java.util.List;

/**
 * What the engine executions of a build ran of one test class, as stored in {@code <report
 * dir>/parts/<test class>.json}: the class's sections, one per config that ran, with everything the
 * HTML report and the JSON summary render. Like Surefire's {@code TEST-*.xml}, one file per class,
 * so that every fork and every launcher session adds its classes to the report.
 *
 * @param format {@link #FORMAT} when this version of TrainUnit wrote it
 * @param testClass the test class's full name
 * @param sections its sections, ordered by config
 */
record ReportPart(int format, String testClass, List<Section> sections) {

  /** Changes when the stored form does; a part of another format is ignored, not misread. */
  static final int FORMAT = 2;

  ReportPart(String testClass, List<Section> sections) {
    this(FORMAT, testClass, List.copyOf(sections));
  }

  /** Why this part, as read, cannot be used; empty when it can. */
  String problem() {
    if (format != FORMAT)
      return "format " + format + ", not " + FORMAT + " (written by another version of TrainUnit)";
    if (testClass == null || sections == null)
      return "no " + (testClass == null ? "testClass" : "sections");
    for (Section s : sections) {
      if (s == null || !testClass.equals(s.testClass()) || s.checks() == null)
        return "a section not of " + testClass;
    }
    return "";
  }
}

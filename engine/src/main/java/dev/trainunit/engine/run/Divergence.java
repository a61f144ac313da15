package dev.trainunit.engine.run;

import org.apiguardian.api.API;

/**
 * Where two runs part: the first iteration and metric whose values differ.
 *
 * @param iteration the training_iteration at which they differ
 * @param metric the metric, with a path into nested values ({@code "weights[3]"}, {@code
 *     "info.lr"})
 * @param expected the value in the run taken as the truth (usually the uninterrupted reference run)
 * @param actual the value in the run under check
 */
@API(status = API.Status.INTERNAL)
public record Divergence(long iteration, String metric, Object expected, Object actual) {

  /** "iteration 6 diverged: loss 0.4231 in the uninterrupted run, 0.5870 after restore". */
  public String describe(String expectedRun, String actualRun) {
    StringBuilder sb = new StringBuilder("iteration ").append(iteration).append(" diverged: ");
    if (expected == StreamComparison.MISSING) {
      sb.append(metric)
          .append(" is absent ")
          .append(expectedRun)
          .append(" but ")
          .append(render(actual))
          .append(' ')
          .append(actualRun);
    } else if (actual == StreamComparison.MISSING) {
      sb.append(metric)
          .append(' ')
          .append(render(expected))
          .append(' ')
          .append(expectedRun)
          .append(", absent ")
          .append(actualRun);
    } else {
      sb.append(metric)
          .append(' ')
          .append(render(expected))
          .append(' ')
          .append(expectedRun)
          .append(", ")
          .append(render(actual))
          .append(' ')
          .append(actualRun);
      if (expected instanceof Number e && actual instanceof Number a) {
        double diff = Math.abs(e.doubleValue() - a.doubleValue());
        sb.append(" (difference ").append(String.format("%.6g", diff)).append(')');
      }
    }
    return sb.toString();
  }

  private static String render(Object v) {
    if (v instanceof Double d) return Double.toString(d);
    String s = String.valueOf(v);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}

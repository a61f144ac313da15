package dev.trainunit.engine.report;

import dev.trainunit.engine.report.Curves.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line-chart writer: inline SVG with axes, "nice" ticks, one polyline per series (NaN and
 * infinite values leave a gap), dots at the points, and an optional vertical marker with a label.
 * Styling comes from the report's CSS classes, so the SVG itself stays small.
 */
final class SvgChart {

  static final int WIDTH = 440;
  static final int HEIGHT = 230;
  private static final int LEFT = 56;
  private static final int RIGHT = 14;
  private static final int TOP = 28;
  private static final int BOTTOM = 42;

  /**
   * A series: its points, a CSS class ({@code series-0}, {@code expected}, {@code actual}) and a
   * name for the tooltip.
   */
  record Series(String name, String cssClass, List<Point> points) {}

  private final String title;
  private final String xLabel;
  private final List<Series> series = new ArrayList<>();
  private Double markerX;
  private String markerLabel;

  SvgChart(String title, String xLabel) {
    this.title = title;
    this.xLabel = xLabel;
  }

  SvgChart add(Series s) {
    series.add(s);
    return this;
  }

  /** A vertical line at {@code x} with {@code label} beside it. */
  SvgChart marker(double x, String label) {
    this.markerX = x;
    this.markerLabel = label;
    return this;
  }

  String render() {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (Point p : s.points()) {
        xMin = Math.min(xMin, p.x());
        xMax = Math.max(xMax, p.x());
        if (Double.isFinite(p.y())) {
          yMin = Math.min(yMin, p.y());
          yMax = Math.max(yMax, p.y());
        }
      }
    }
    if (markerX != null) {
      xMin = Math.min(xMin, markerX);
      xMax = Math.max(xMax, markerX);
    }
    if (!Double.isFinite(xMin)) {
      xMin = 0;
      xMax = 1;
    }
    if (xMax == xMin) {
      xMin -= 1;
      xMax += 1;
    }
    // A little room on either side, so the first and last points (and a marker on them) clear the
    // axes.
    double xPad = (xMax - xMin) * 0.04;
    xMin -= xPad;
    xMax += xPad;
    if (!Double.isFinite(yMin)) {
      yMin = 0;
      yMax = 1;
    }
    if (yMax == yMin) {
      double pad = yMin == 0 ? 1 : Math.abs(yMin) * 0.1;
      yMin -= pad;
      yMax += pad;
    }
    double[] yTicks = niceTicks(yMin, yMax, 5);
    yMin = Math.min(yMin, yTicks[0]);
    yMax = Math.max(yMax, yTicks[yTicks.length - 1]);
    double[] xTicks = integerTicks(xMin, xMax, 10);

    Scale sx = new Scale(xMin, xMax, LEFT, WIDTH - RIGHT);
    Scale sy = new Scale(yMin, yMax, HEIGHT - BOTTOM, TOP);

    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\">");
    svg.append("<title>").append(Html.escape(title)).append("</title>");
    svg.append("<text class=\"chart-title\" x=\"")
        .append(LEFT)
        .append("\" y=\"17\">")
        .append(Html.escape(title))
        .append("</text>");
    // Grid and y ticks.
    for (double t : yTicks) {
      double y = sy.at(t);
      svg.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(fmt(y))
          .append("\" y2=\"")
          .append(fmt(y))
          .append("\"/>");
      svg.append("<text class=\"tick\" text-anchor=\"end\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(fmt(y + 4))
          .append("\">")
          .append(Html.escape(label(t, yTicks)))
          .append("</text>");
    }
    for (double t : xTicks) {
      double x = sx.at(t);
      svg.append("<line class=\"tick-mark\" x1=\"")
          .append(fmt(x))
          .append("\" x2=\"")
          .append(fmt(x))
          .append("\" y1=\"")
          .append(HEIGHT - BOTTOM)
          .append("\" y2=\"")
          .append(HEIGHT - BOTTOM + 4)
          .append("\"/>");
      svg.append("<text class=\"tick\" text-anchor=\"middle\" x=\"")
          .append(fmt(x))
          .append("\" y=\"")
          .append(HEIGHT - BOTTOM + 17)
          .append("\">")
          .append((long) t)
          .append("</text>");
    }
    svg.append("<line class=\"axis\" x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(WIDTH - RIGHT)
        .append("\" y1=\"")
        .append(HEIGHT - BOTTOM)
        .append("\" y2=\"")
        .append(HEIGHT - BOTTOM)
        .append("\"/>");
    svg.append("<line class=\"axis\" x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(TOP)
        .append("\" y2=\"")
        .append(HEIGHT - BOTTOM)
        .append("\"/>");
    svg.append("<text class=\"axis-label\" text-anchor=\"middle\" x=\"")
        .append((LEFT + WIDTH - RIGHT) / 2)
        .append("\" y=\"")
        .append(HEIGHT - 6)
        .append("\">")
        .append(Html.escape(xLabel))
        .append("</text>");

    if (markerX != null) {
      double x = sx.at(markerX);
      boolean labelLeft = x > (LEFT + WIDTH - RIGHT) / 2.0 + 60;
      svg.append("<g class=\"divergence-marker\" data-iteration=\"")
          .append(fmt(markerX))
          .append("\">");
      svg.append("<line x1=\"")
          .append(fmt(x))
          .append("\" x2=\"")
          .append(fmt(x))
          .append("\" y1=\"")
          .append(TOP - 4)
          .append("\" y2=\"")
          .append(HEIGHT - BOTTOM)
          .append("\"/>");
      svg.append("<text class=\"marker-label\" text-anchor=\"")
          .append(labelLeft ? "end" : "start")
          .append("\" x=\"")
          .append(fmt(labelLeft ? x - 5 : x + 5))
          .append("\" y=\"")
          .append(TOP + 8)
          .append("\">")
          .append(Html.escape(markerLabel))
          .append("</text>");
      svg.append("</g>");
    }

    for (Series s : series) {
      String d = path(s.points(), sx, sy);
      svg.append("<g class=\"series ")
          .append(s.cssClass())
          .append("\" data-name=\"")
          .append(Html.escape(s.name()))
          .append("\">");
      if (!d.isEmpty()) {
        svg.append("<path class=\"line\" d=\"")
            .append(d)
            .append("\"><title>")
            .append(Html.escape(s.name()))
            .append("</title></path>");
      }
      for (Point p : s.points()) {
        if (!Double.isFinite(p.y())) continue;
        svg.append("<circle class=\"dot\" r=\"2.6\" cx=\"")
            .append(fmt(sx.at(p.x())))
            .append("\" cy=\"")
            .append(fmt(sy.at(p.y())))
            .append("\"><title>")
            .append(Html.escape(s.name()))
            .append(", iteration ")
            .append((long) p.x())
            .append(": ")
            .append(Html.escape(Html.number(p.y())))
            .append("</title></circle>");
      }
      svg.append("</g>");
    }
    svg.append("</svg>");
    return svg.toString();
  }

  /** "M x y L x y ..." through the finite points; a non-finite value starts a new sub-path. */
  private static String path(List<Point> points, Scale sx, Scale sy) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (Point p : points) {
      if (!Double.isFinite(p.y())) {
        pen = false;
        continue;
      }
      d.append(pen ? " L" : (d.length() == 0 ? "M" : " M"))
          .append(fmt(sx.at(p.x())))
          .append(' ')
          .append(fmt(sy.at(p.y())));
      pen = true;
    }
    return d.toString();
  }

  private record Scale(double from, double to, double pixelFrom, double pixelTo) {
    double at(double v) {
      return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
    }
  }

  /** Ticks at 1, 2 or 5 times a power of ten, covering [min, max]. */
  static double[] niceTicks(double min, double max, int wanted) {
    double raw = (max - min) / Math.max(1, wanted - 1);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= raw) {
        step = m * magnitude;
        break;
      }
    }
    double start = Math.floor(min / step) * step;
    double end = Math.ceil(max / step) * step;
    int n = (int) Math.round((end - start) / step) + 1;
    double[] ticks = new double[n];
    for (int i = 0; i < n; i++) ticks[i] = start + i * step;
    return ticks;
  }

  /** Whole-number ticks, at most about {@code max} of them. */
  private static double[] integerTicks(double min, double max, int most) {
    long lo = (long) Math.ceil(min);
    long hi = (long) Math.floor(max);
    long step = Math.max(1, (long) Math.ceil((hi - lo + 1) / (double) most));
    List<Double> ticks = new ArrayList<>();
    for (long t = lo; t <= hi; t += step) ticks.add((double) t);
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A tick label with just the digits its step needs. */
  private static String label(double v, double[] ticks) {
    double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
    if (Math.abs(v) < step * 1e-9) v = 0;
    double biggest = Math.max(Math.abs(ticks[0]), Math.abs(ticks[ticks.length - 1]));
    if (biggest >= 1e5 || (step < 1e-3 && biggest < 1e-2))
      return String.format(Locale.ROOT, "%.2g", v);
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) + 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}

package dev.trainunit.engine.report;

import java.util.Locale;

/** Escaping and number formatting for the HTML report. */
final class Html {

  private Html() {}

  static String escape(String s) {
    if (s == null) return "";
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A metric value as a person reads it: integers as they are, doubles to 6 significant digits. */
  static String number(double v) {
    if (!Double.isFinite(v)) return Double.toString(v);
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    double abs = Math.abs(v);
    if (abs >= 1e6 || abs < 1e-4) return String.format(Locale.ROOT, "%.6g", v);
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return s;
  }

  static String value(Object v) {
    if (v instanceof Double || v instanceof Float) return number(((Number) v).doubleValue());
    return String.valueOf(v);
  }
}

package dev.trainunit.engine.report;

import dev.trainunit.engine.report.Curves.Point;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The self-contained HTML report: inline CSS and inline SVG, no script and nothing fetched, so it
 * opens from a CI artifact as well as from disk. One section per trainable and config with its
 * checks, final metrics and learning curves; under a failed comparison, the expected and the actual
 * curves on one chart with the iteration where they part marked.
 */
final class HtmlReport {

  /**
   * At most this many metrics are overlaid under one failed comparison (the diverging one first).
   */
  static final int MAX_OVERLAY_METRICS = 4;

  private HtmlReport() {}

  static String render(List<Section> sections, Instant generated) {
    StringBuilder h = new StringBuilder(64 * 1024);
    long passed = sections.stream().mapToLong(Section::passed).sum();
    long failed = sections.stream().mapToLong(Section::failed).sum();
    long skipped = sections.stream().mapToLong(Section::skipped).sum();
    String shards = Section.shardLabels(sections);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>TrainUnit report")
        .append(shards.isEmpty() ? "" : " (" + Html.escape(shards) + ")")
        .append(failed > 0 ? " — " + failed + " failed" : "")
        .append("</title>")
        .append("<style>")
        .append(CSS)
        .append("</style></head>\n<body>\n");
    h.append("<header><h1>TrainUnit report</h1><p class=\"meta\">")
        .append(sections.size())
        .append(sections.size() == 1 ? " trainable/config" : " trainables/configs")
        .append(
            shards.isEmpty() ? "" : " · <span class=\"shard\">" + Html.escape(shards) + "</span>")
        .append(" · generated ")
        .append(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
                .format(generated.atZone(ZoneId.systemDefault())))
        .append("</p><p class=\"totals\">")
        .append(pills(passed, failed, skipped))
        .append("</p></header>\n");

    h.append(
            "<nav><table class=\"overview\"><thead><tr><th>trainable</th><th>config</th><th class=\"n\">passed</th>")
        .append("<th class=\"n\">failed</th><th class=\"n\">skipped</th></tr></thead><tbody>");
    for (Section s : sections) {
      h.append("<tr class=\"")
          .append(s.failed() > 0 ? "row-failed" : "row-ok")
          .append("\"><td><span class=\"dot-status ")
          .append(s.failed() > 0 ? "failed" : "passed")
          .append("\"></span><a href=\"#")
          .append(s.anchor())
          .append("\">")
          .append(Html.escape(s.title()))
          .append("</a></td><td><code>")
          .append(Html.escape(s.configLabel()))
          .append("</code></td>")
          .append("<td class=\"n\">")
          .append(s.passed())
          .append("</td><td class=\"n")
          .append(s.failed() > 0 ? " bad" : "")
          .append("\">")
          .append(s.failed())
          .append("</td><td class=\"n\">")
          .append(s.skipped())
          .append("</td></tr>");
    }
    h.append("</tbody></table></nav>\n<main>\n");
    for (Section s : sections) section(h, s);
    if (sections.isEmpty()) h.append("<p class=\"empty\">No trainable ran.</p>");
    h.append("</main>\n</body></html>\n");
    return h.toString();
  }

  private static String pills(long passed, long failed, long skipped) {
    return "<span class=\"pill passed\">"
        + passed
        + " passed</span> <span class=\"pill "
        + (failed > 0 ? "failed" : "none")
        + "\">"
        + failed
        + " failed</span> <span class=\"pill skipped\">"
        + skipped
        + " skipped</span>";
  }

  private static void section(StringBuilder h, Section s) {
    h.append("<section class=\"trainable ")
        .append(s.failed() > 0 ? "has-failures" : "all-ok")
        .append("\" id=\"")
        .append(s.anchor())
        .append("\">");
    h.append("<h2>")
        .append(Html.escape(s.title()))
        .append(" <span class=\"counts\">")
        .append(pills(s.passed(), s.failed(), s.skipped()))
        .append("</span></h2>");
    h.append("<p class=\"sub\"><code>").append(Html.escape(s.testClass())).append("</code>");
    if (!s.trainableClass().equals(s.testClass())) {
      h.append(" tests <code>").append(Html.escape(s.trainableClass())).append("</code>");
    }
    h.append(" · config ")
        .append(s.configIndex() + 1)
        .append(" of ")
        .append(s.configCount())
        .append(" <code>")
        .append(Html.escape(s.configLabel()))
        .append("</code>");
    if (s.cost() != null) h.append(" · checks cost ").append(Html.escape(s.cost().describe()));
    if (s.shard() != null) h.append(" · ran in ").append(Html.escape(s.shard().label()));
    h.append("</p>");

    h.append("<h3>Checks</h3><table class=\"checks\"><tbody>");
    for (CheckOutcome c : s.checks()) {
      String cls = c.status().countsAsSkipped() ? "skipped" : c.status().label();
      h.append("<tr class=\"check ")
          .append(cls)
          .append("\" data-check=\"")
          .append(Html.escape(c.id()))
          .append("\">")
          .append("<td class=\"status\"><span class=\"pill ")
          .append(cls)
          .append("\">")
          .append(c.status().label())
          .append("</span></td>")
          .append("<td class=\"name\"><code>")
          .append(Html.escape(c.id()))
          .append("</code><div class=\"desc\">")
          .append(Html.escape(c.description()))
          .append("</div></td><td class=\"msg\">");
      if (!c.message().isEmpty())
        h.append("<div class=\"message\">").append(Html.escape(c.message())).append("</div>");
      h.append("</td></tr>");
      c.divergence()
          .ifPresent(
              o -> {
                // A row of its own, as wide as the check's name and message, so that two charts fit
                // side by side.
                h.append("<tr class=\"overlay-row ")
                    .append(cls)
                    .append("\" data-check=\"")
                    .append(Html.escape(c.id()))
                    .append("\"><td></td><td colspan=\"2\">");
                overlay(h, c, o);
                h.append("</td></tr>");
              });
    }
    h.append("</tbody></table>");

    h.append(
        "<div class=\"results\"><div class=\"final\"><h3>Final metrics <span class=\"hint\">reference run</span></h3>");
    Map<String, Object> last = s.finalMetrics();
    if (last.isEmpty()) {
      h.append(
          "<p class=\"empty\">No reference run was made: every check that needs one was skipped.</p>");
    } else {
      h.append("<table class=\"metrics\"><tbody>");
      last.forEach(
          (k, v) ->
              h.append("<tr><th>")
                  .append(Html.escape(k))
                  .append("</th><td>")
                  .append(Html.escape(Html.value(v)))
                  .append("</td></tr>"));
      h.append("</tbody></table>");
    }
    h.append(
        "</div><div class=\"curves\"><h3>Learning curves <span class=\"hint\">reference run, by training_iteration</span></h3>");
    Map<String, List<Point>> curves = Curves.of(s.reference(), 1);
    if (curves.isEmpty()) {
      h.append("<p class=\"empty\">No numeric metric to draw.</p>");
    } else {
      h.append("<div class=\"charts\">");
      curves.forEach(
          (metric, points) ->
              h.append("<figure class=\"curve\" data-metric=\"")
                  .append(Html.escape(metric))
                  .append("\">")
                  .append(
                      new SvgChart(metric, "training_iteration")
                          .add(new SvgChart.Series(metric, "reference", points))
                          .render())
                  .append("</figure>"));
      h.append("</div>");
    }
    h.append("</div></div></section>\n");
  }

  /**
   * The expected and the actual curves of a failed comparison on one chart per metric, the
   * diverging metric first.
   */
  private static void overlay(StringBuilder h, CheckOutcome c, Overlay o) {
    Map<String, List<Point>> expected = Curves.of(o.expectedStream(), o.firstIteration());
    Map<String, List<Point>> actual = Curves.of(o.actualStream(), o.firstIteration());
    h.append("<div class=\"overlay\" data-check=\"").append(Html.escape(c.id())).append("\">");
    if (expected.isEmpty() && actual.isEmpty()) {
      h.append("<p class=\"empty\">Diverged at iteration ")
          .append(o.iteration())
          .append("; the check handed over no metric streams to draw.</p></div>");
      return;
    }
    h.append("<div class=\"legend\"><span class=\"swatch expected\"></span>expected: ")
        .append(Html.escape(o.expectedRun()))
        .append("<span class=\"swatch actual\"></span>actual: ")
        .append(Html.escape(o.actualRun()))
        .append("<span class=\"swatch marker\"></span>where they part</div><div class=\"charts\">");
    List<String> metrics = new ArrayList<>();
    String diverging = topLevel(o.metric());
    if (expected.containsKey(diverging) || actual.containsKey(diverging)) metrics.add(diverging);
    for (String m : expected.keySet())
      if (!metrics.contains(m) && actual.containsKey(m)) metrics.add(m);
    for (String m : metrics.subList(0, Math.min(MAX_OVERLAY_METRICS, metrics.size()))) {
      SvgChart chart =
          new SvgChart(
                  m + (m.equals(diverging) ? "  (diverging metric)" : ""), "training_iteration")
              .add(
                  new SvgChart.Series(
                      "expected: " + o.expectedRun(),
                      "expected",
                      expected.getOrDefault(m, List.of())))
              .add(
                  new SvgChart.Series(
                      "actual: " + o.actualRun(), "actual", actual.getOrDefault(m, List.of())))
              .marker(o.iteration(), "diverged at iteration " + o.iteration());
      h.append("<figure class=\"curve overlay-chart\" data-metric=\"")
          .append(Html.escape(m))
          .append("\">")
          .append(chart.render())
          .append("</figure>");
    }
    h.append("</div></div>");
  }

  /** "weights" of "weights[3]" or "weights.size()", "info" of "info.lr". */
  private static String topLevel(String metric) {
    int cut = metric.length();
    for (char c : new char[] {'.', '['}) {
      int i = metric.indexOf(c);
      if (i > 0) cut = Math.min(cut, i);
    }
    return metric.substring(0, cut);
  }

  private static final String CSS =
      """
      :root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa;--ok:#1a7f37;--ok-bg:#dafbe1;--bad:#cf222e;--bad-bg:#ffebe9;
      --skip:#7d4e00;--skip-bg:#fff8c5;--ref:#0969da;--exp:#0969da;--act:#d4380d}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
      header,nav,main{max-width:1180px;margin:0 auto;padding:0 24px}
      header{padding-top:20px}
      h1{font-size:24px;margin:0 0 2px}
      h2{font-size:19px;margin:0 0 2px;display:flex;align-items:center;gap:12px;flex-wrap:wrap}
      h3{font-size:14px;margin:18px 0 8px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
      .hint{text-transform:none;letter-spacing:0;font-weight:normal;margin-left:6px}
      .meta,.sub{color:var(--muted);margin:0 0 6px}
      .totals{margin:8px 0 16px}
      code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--bg);padding:1px 5px;border-radius:4px}
      a{color:var(--ref);text-decoration:none}a:hover{text-decoration:underline}
      .pill{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap}
      .pill.passed{color:var(--ok);background:var(--ok-bg)}
      .pill.failed{color:var(--bad);background:var(--bad-bg)}
      .pill.skipped{color:var(--skip);background:var(--skip-bg)}
      .pill.none{color:var(--muted);background:var(--bg)}
      .counts{font-size:12px;font-weight:normal}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
      .overview th{font-size:12px;color:var(--muted);font-weight:600;background:var(--bg)}
      .overview td.n,.overview th.n{text-align:right;width:70px}
      .overview td.bad{color:var(--bad);font-weight:700}
      .dot-status{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:8px}
      .dot-status.passed{background:var(--ok)}.dot-status.failed{background:var(--bad)}
      section.trainable{margin:28px 0;padding:18px 20px;border:1px solid var(--line);border-radius:10px}
      section.has-failures{border-left:5px solid var(--bad)}
      section.all-ok{border-left:5px solid var(--ok)}
      .checks td.status{width:86px}
      .checks td.name{width:38%}
      .checks .desc{color:var(--muted);font-size:12.5px;margin-top:2px}
      .checks tr.failed td{background:#fffafa}
      .checks tr.check.failed td{border-bottom:none}
      .checks tr.overlay-row td{padding-top:0}
      .message{white-space:pre-wrap;word-break:break-word}
      tr.failed .message{color:var(--bad)}
      tr.skipped .message{color:var(--muted)}
      .overlay{margin-top:0;padding:10px 12px;background:#fff;border:1px solid var(--line);border-radius:8px}
      .legend{font-size:12.5px;color:var(--muted);display:flex;align-items:center;flex-wrap:wrap;gap:6px;margin-bottom:6px}
      .swatch{display:inline-block;width:22px;height:0;border-top:3px solid;margin-left:10px}
      .swatch:first-child{margin-left:0}
      .swatch.expected{border-color:var(--exp)}
      .swatch.actual{border-color:var(--act);border-top-style:dashed}
      .swatch.marker{border-color:var(--bad);border-top-style:dotted;border-top-width:2px}
      .results{display:grid;grid-template-columns:minmax(220px,280px) 1fr;gap:24px}
      @media (max-width:820px){.results{grid-template-columns:1fr}}
      .metrics th{font-weight:500;color:var(--muted);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
      .metrics td{text-align:right;font-variant-numeric:tabular-nums}
      .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
      figure{margin:0}
      svg.chart{width:100%;height:auto;display:block;background:#fff}
      .chart-title{font-size:14px;font-weight:600;fill:var(--fg)}
      .tick{font-size:12px;fill:var(--muted);font-variant-numeric:tabular-nums}
      .axis-label{font-size:12px;fill:var(--muted)}
      .grid{stroke:#eaeef2;stroke-width:1}
      .axis,.tick-mark{stroke:#8c959f;stroke-width:1}
      .series .line{fill:none;stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round}
      .series.reference .line{stroke:var(--ref)}.series.reference .dot{fill:var(--ref)}
      .series.expected .line{stroke:var(--exp)}.series.expected .dot{fill:var(--exp)}
      .series.actual .line{stroke:var(--act);stroke-dasharray:6 4}.series.actual .dot{fill:var(--act)}
      .divergence-marker line{stroke:var(--bad);stroke-width:1.6;stroke-dasharray:2 3}
      .marker-label{font-size:12.5px;font-weight:600;fill:var(--bad)}
      .empty{color:var(--muted);font-style:italic}
      """;
}

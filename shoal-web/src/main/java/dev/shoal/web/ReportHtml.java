package dev.shoal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The run report as one self-contained HTML file: key figures, the category table and four inline
 * SVG charts — (a) cores allocated vs in use over time, (b) histogram of task wall times, (c) tasks
 * running over time, (d) allocation per category over time (cores and memory). No scripts, no
 * external resources; tooltips are SVG {@code <title>}s. The markup is well-formed XML (XHTML
 * compatible), laid out for a 1200 px wide window. Pure: the same history gives the same bytes.
 */
public final class ReportHtml {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final String STYLE =
      """
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
             color: #222; margin: 24px auto; max-width: 1160px; padding: 0 10px; }
      h1 { font-size: 24px; margin: 0 0 4px; }
      h2 { font-size: 17px; margin: 28px 0 6px; border-bottom: 1px solid #ddd; padding-bottom: 3px; }
      .sub { color: #666; margin: 0 0 14px; }
      .cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; }
      .card { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; }
      .card .v { font-size: 22px; font-weight: 600; }
      .card .k { color: #666; font-size: 12px; }
      .bad { color: #c0392b; }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
      th, td { padding: 4px 9px; text-align: right; border-bottom: 1px solid #eee;
               white-space: nowrap; }
      th { background: #f5f5f5; font-weight: 600; }
      tr.group th { background: #fff; color: #555; font-weight: 500; text-align: center;
                    border-bottom: 2px solid #ddd; }
      tr.group th + th,
      td:nth-child(2), td:nth-child(5), td:nth-child(7), td:nth-child(11), td:nth-child(14),
      tr.head th:nth-child(2), tr.head th:nth-child(5), tr.head th:nth-child(7),
      tr.head th:nth-child(11), tr.head th:nth-child(14) { border-left: 1px solid #e4e4e4; }
      th:first-child, td:first-child { text-align: left; }
      tr.total td { font-weight: 600; border-top: 2px solid #ccc; }
      .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; }
      .row { display: flex; gap: 20px; }
      .chart text { font-size: 12px; fill: #333; }
      .chart text.note { font-size: 14px; fill: #888; }
      .chart line.grid { stroke: #e6e6e6; }
      .chart line.axis { stroke: #444; }
      .explain { color: #555; margin: 2px 0 6px; max-width: 1000px; }
      .notes { color: #666; font-size: 12px; }
      """;

  private ReportHtml() {}

  /** The whole page for {@code h}. */
  public static String render(RunHistory h) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    String title = "Run report: " + h.workflow();
    sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n")
        .append("<head>\n<meta charset=\"utf-8\"/>\n<title>")
        .append(Html.escape(title))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(Html.escape(title))
        .append("</h1>\n<p class=\"sub\">")
        .append(
            Html.escape(
                TIME.format(Instant.EPOCH.plusNanos(h.startMicros() * 1000))
                    + " to "
                    + TIME.format(Instant.EPOCH.plusNanos(h.endMicros() * 1000))
                    + (h.runs() > 1 ? " — " + h.runs() + " runs (restarts) in one log" : "")))
        .append("</p>\n");
    cards(h, sb);
    sb.append("<h2>Categories</h2>\n");
    table(h, sb);
    chart(
        sb,
        "chart-cores",
        "Cores allocated and in use",
        "Allocated: the sum of the cores given to the tasks running at each moment. In use: each"
            + " task's CPU time spread evenly over its wall time (from its resource summary).",
        Charts.cores(h));
    chart(
        sb,
        "chart-walltime",
        "Task wall times",
        "Number of finished task attempts by wall time (RUNNING to end in the log). The bins"
            + " grow geometrically (1-2-5, or 1-1.5-2-3-5-7 per decade for a narrow range).",
        Histogram.svg(h));
    chart(
        sb,
        "chart-running",
        "Tasks running",
        "Task attempts running at each moment, stacked by category.",
        Charts.running(h));
    sb.append("<h2 id=\"chart-allocation\">Allocation per category over time</h2>\n")
        .append("<p class=\"explain\">")
        .append(
            Html.escape(
                "The allocation job sizing chose for each category (# ALLOCATION lines; without"
                    + " them, what its tasks were given)."))
        .append("</p>\n<div class=\"row\">\n")
        .append(Charts.allocation(h, "cores", "cores"))
        .append(Charts.allocation(h, "memory", "MB"))
        .append("</div>\n");
    notes(h, sb);
    return sb.append("</body>\n</html>\n").toString();
  }

  private static void cards(RunHistory h, StringBuilder sb) {
    CategoryStats t = h.total();
    sb.append("<div class=\"cards\">\n");
    card(sb, Fmt.seconds(h.durationSeconds()), "duration", false);
    card(sb, h.rulesComplete() + " / " + h.rules(), "rules complete", false);
    card(sb, Integer.toString(h.rulesFailed()), "rules failed", h.rulesFailed() > 0);
    card(sb, t.attempts() + " (" + t.failed() + " failed)", "task attempts", t.failed() > 0);
    card(
        sb,
        Fmt.percent(t.cpuUsage()),
        usageKey("CPU", t.usedCoreSeconds(), t.allocatedCoreSeconds(), "core-s"),
        false);
    card(
        sb,
        Fmt.percent(t.memoryUsage()),
        usageKey("memory", t.usedMemoryMbSeconds(), t.allocatedMemoryMbSeconds(), "MB-s"),
        false);
    sb.append("</div>\n");
  }

  private static String usageKey(String what, double used, double allocated, String unit) {
    return what
        + " used / allocated "
        + (allocated > 0
            ? "(" + Fmt.num(used) + " / " + Fmt.num(allocated) + " " + unit + ")"
            : "(unknown: needs allocations and summaries)");
  }

  private static void card(StringBuilder sb, String value, String key, boolean bad) {
    sb.append("<div class=\"card\"><div class=\"v")
        .append(bad ? " bad" : "")
        .append("\">")
        .append(Html.escape(value))
        .append("</div><div class=\"k\">")
        .append(Html.escape(key))
        .append("</div></div>\n");
  }

  private static void table(RunHistory h, StringBuilder sb) {
    sb.append("<table id=\"categories\">\n<tr class=\"group\">");
    for (String[] g : ReportText.GROUPS) {
      sb.append("<th colspan=\"")
          .append(g[1])
          .append("\">")
          .append(Html.escape(g[0]))
          .append("</th>");
    }
    sb.append("</tr>\n<tr class=\"head\">");
    for (String head : ReportText.HEADS) {
      sb.append("<th>").append(Html.escape(head)).append("</th>");
    }
    sb.append("</tr>\n");
    List<CategoryStats> cs = h.categories();
    for (int i = 0; i < cs.size(); i++) {
      row(sb, ReportText.cells(cs.get(i), cs.get(i).lastAllocation()), Charts.color(i), "");
    }
    if (cs.size() > 1) {
      row(sb, ReportText.cells(h.total(), Allocation.UNKNOWN), null, " class=\"total\"");
    }
    sb.append("</table>\n");
  }

  private static void row(StringBuilder sb, String[] cells, String color, String attrs) {
    sb.append("<tr").append(attrs).append('>');
    for (int i = 0; i < cells.length; i++) {
      sb.append("<td>");
      if (i == 0 && color != null) {
        sb.append("<span class=\"swatch\" style=\"background:").append(color).append("\"></span>");
      }
      sb.append(Html.escape(cells[i])).append("</td>");
    }
    sb.append("</tr>\n");
  }

  private static void chart(StringBuilder sb, String id, String title, String explain, String svg) {
    sb.append("<h2 id=\"")
        .append(id)
        .append("\">")
        .append(Html.escape(title))
        .append("</h2>\n<p class=\"explain\">")
        .append(Html.escape(explain))
        .append("</p>\n")
        .append(svg);
  }

  private static void notes(RunHistory h, StringBuilder sb) {
    if (h.warnings().isEmpty()) {
      return;
    }
    sb.append("<h2>Notes</h2>\n<ul class=\"notes\">\n");
    for (String w : h.warnings()) {
      sb.append("<li>").append(Html.escape(w)).append("</li>\n");
    }
    sb.append("</ul>\n");
  }
}

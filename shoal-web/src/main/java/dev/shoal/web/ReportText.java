package dev.shoal.web;

import java.util.List;
import java.util.Locale;

/**
 * The run report as plain text, for the end of a run and for terminals: a header and one row per
 * category. Pure; the output ends with a line break and has no trailing spaces.
 *
 * <pre>
 * Run report: Makeflow
 *   duration 12.4 s, 1 run; rules: 10 of 10 complete, 0 failed; 10 task attempts (0 failed)
 *   CPU used / allocated: 3.10 / 9.80 core·s = 32%; memory: 410 / 8000 MB·s = 5%
 * ...
 * </pre>
 */
public final class ReportText {
  private static final int MAX_WARNINGS = 10;

  private ReportText() {}

  /** The report of {@code h}. */
  public static String render(RunHistory h) {
    StringBuilder sb = new StringBuilder();
    CategoryStats t = h.total();
    sb.append("Run report: ").append(h.workflow()).append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "  duration %s, %d run%s; rules: %d of %d complete, %d failed;"
                + " %d task attempts (%d failed)%n",
            Fmt.seconds(h.durationSeconds()),
            h.runs(),
            h.runs() == 1 ? "" : "s",
            h.rulesComplete(),
            h.rules(),
            h.rulesFailed(),
            t.attempts(),
            t.failed()));
    sb.append("  ").append(usageLine(t)).append('\n');
    String settled = settledLine(h);
    if (settled != null) {
      sb.append("  ").append(settled).append('\n');
    }
    if (!h.hasUsage()) {
      sb.append("  no resource summaries: run with --monitor DIR and report with --monitor DIR\n");
    } else if (t.measuredAttempts() < t.attempts()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %d of %d attempts have a resource summary; used/allocated counts those only%n",
              t.measuredAttempts(),
              t.attempts()));
    }
    if (!h.hasAllocations()) {
      sb.append("  no allocations in the log: used/allocated is unknown\n");
    }
    sb.append('\n');
    sb.append(table(h.categories(), t).render());
    List<String> w = h.warnings();
    if (!w.isEmpty()) {
      sb.append('\n');
      for (String s : w.subList(0, Math.min(w.size(), MAX_WARNINGS))) {
        sb.append("note: ").append(s).append('\n');
      }
      if (w.size() > MAX_WARNINGS) {
        sb.append("note: ... and ").append(w.size() - MAX_WARNINGS).append(" more\n");
      }
    }
    return sb.toString();
  }

  /**
   * Once job sizing has settled — counting only attempts that started after their category's first
   * computed allocation — the share of allocated core-seconds that was used; null when no category
   * changed its allocation.
   */
  static String settledLine(RunHistory h) {
    java.util.Map<String, Long> settledAt = new java.util.HashMap<>();
    for (CategoryStats c : h.categories()) {
      if (!c.allocations().isEmpty()) {
        settledAt.put(c.name(), c.allocations().get(0).timestampMicros());
      }
    }
    if (settledAt.isEmpty()) {
      return null;
    }
    double used = 0;
    double allocated = 0;
    int n = 0;
    for (TaskAttempt a : h.attempts()) {
      Long at = settledAt.get(a.category());
      if (at == null || a.startMicros() < at) {
        continue;
      }
      double al = a.allocatedCoreSeconds();
      double us = a.usedCoreSeconds();
      if (!Double.isNaN(al) && !Double.isNaN(us) && al > 0) {
        allocated += al;
        used += us;
        n++;
      }
    }
    if (n == 0) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "settled cores used/allocated: %.2f (%d attempts after sizing settled)",
        used / allocated,
        n);
  }

  /** {@code CPU used / allocated: 3.10 / 9.80 core·s = 32%; memory: ...}. */
  static String usageLine(CategoryStats t) {
    if (!(t.allocatedCoreSeconds() > 0) && !(t.allocatedMemoryMbSeconds() > 0)) {
      return "CPU and memory used / allocated: unknown (needs allocations and summaries)";
    }
    return String.format(
        Locale.ROOT,
        "CPU used / allocated: %s / %s core-s = %s; memory used / allocated: %s / %s MB-s = %s",
        Fmt.num(t.usedCoreSeconds()),
        Fmt.num(t.allocatedCoreSeconds()),
        Fmt.percent(t.cpuUsage()),
        Fmt.num(t.usedMemoryMbSeconds()),
        Fmt.num(t.allocatedMemoryMbSeconds()),
        Fmt.percent(t.memoryUsage()));
  }

  /** Column groups of the category table: name and number of columns; shared with HTML. */
  static final String[][] GROUPS = {
    {"", "1"},
    {"task attempts", "3"},
    {"wall time", "2"},
    {"measured use", "4"},
    {"allocation (last)", "3"},
    {"used / allocated", "2"}
  };

  /** Column heads of the category table under {@link #GROUPS}. */
  static final String[] HEADS = {
    "category",
    "all",
    "done",
    "failed",
    "mean",
    "max",
    "cores max",
    "mem mean",
    "mem max",
    "disk max",
    "cores",
    "memory",
    "disk",
    "CPU",
    "memory"
  };

  /** One row per category, then the total if there is more than one category. */
  static TextTable table(List<CategoryStats> categories, CategoryStats total) {
    TextTable table =
        new TextTable(
            "category",
            "attempts",
            "done",
            "failed",
            "wall mean",
            "wall max",
            "cores max",
            "mem mean",
            "mem max",
            "disk max",
            "alloc cores",
            "alloc mem",
            "alloc disk",
            "CPU use",
            "mem use");
    for (CategoryStats c : categories) {
      table.row(cells(c, c.lastAllocation()));
    }
    if (categories.size() > 1) {
      table.row(cells(total, Allocation.UNKNOWN));
    }
    return table;
  }

  /** The cells of one row, in {@link #HEADS} order. */
  static String[] cells(CategoryStats c, Allocation allocation) {
    return new String[] {
      c.name(),
      Integer.toString(c.attempts()),
      Integer.toString(c.completed()),
      Integer.toString(c.failed()),
      Fmt.seconds(c.wallTime().mean()),
      Fmt.seconds(c.wallTime().peak()),
      Fmt.num(c.cores().peak()),
      mb(c.memory().mean()),
      mb(c.memory().peak()),
      mb(c.disk().peak()),
      Fmt.num(allocation.cores()),
      mb(allocation.memoryMb()),
      mb(allocation.diskMb()),
      Fmt.percent(c.cpuUsage()),
      Fmt.percent(c.memoryUsage())
    };
  }

  private static String mb(double v) {
    return Double.isNaN(v) ? "-" : Fmt.num(v) + " MB";
  }
}

package dev.shoal.web;

import dev.shoal.web.AllocationLine.CategoryAllocation;
import dev.shoal.web.StepSeries.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The report's charts, each an SVG string drawn from a {@link RunHistory}. Pure. */
final class Charts {
  static final int WIDE = 1140;
  static final int HALF = 560;
  static final int HEIGHT = 300;

  private Charts() {}

  /** Seconds, minutes or hours, whichever keeps the time axis' numbers short. */
  record TimeUnit(String name, double seconds) {
    static TimeUnit forDuration(double seconds) {
      if (seconds > 3 * 3600) {
        return new TimeUnit("h", 3600);
      }
      return seconds > 300 ? new TimeUnit("min", 60) : new TimeUnit("s", 1);
    }

    double of(long micros, long originMicros) {
      return (micros - originMicros) / 1e6 / seconds;
    }

    String axisLabel() {
      return "time since start (" + name + ")";
    }
  }

  /** (a) Cores allocated to running tasks, and cores in use (CPU time over wall time). */
  static String cores(RunHistory h) {
    TimeUnit u = TimeUnit.forDuration(h.durationSeconds());
    StepSeries allocated = sweep(h, u, a -> a.allocation().cores());
    StepSeries inUse = sweep(h, u, TaskAttempt::coresInUse);
    SvgPlot p =
        new SvgPlot(
            WIDE,
            HEIGHT,
            "Cores allocated and in use",
            xMax(h, u),
            Math.max(Math.max(allocated.max(), inUse.max()), 1) * 1.08,
            u.axisLabel(),
            "cores");
    p.stepArea(allocated, SvgPlot.PALETTE[0], "cores allocated (running tasks)", 0.30);
    p.stepArea(inUse, SvgPlot.PALETTE[1], "cores in use (CPU time / wall time)", 0.55);
    if (allocated.isEmpty() && inUse.isEmpty()) {
      p.note("no allocations in the log and no resource summaries");
    } else if (allocated.isEmpty()) {
      p.note("no allocations in the log");
    } else if (inUse.isEmpty()) {
      p.note("no resource summaries (--monitor DIR): use unknown");
    }
    return p.render();
  }

  /** (c) Task attempts running over time, stacked by category. */
  static String running(RunHistory h) {
    TimeUnit u = TimeUnit.forDuration(h.durationSeconds());
    List<String> names = categoryNames(h);
    List<StepSeries> stacked = new ArrayList<>();
    StepSeries sum = new StepSeries(new double[0], new double[0]);
    for (String c : names) {
      List<Interval> iv = new ArrayList<>();
      for (TaskAttempt a : h.attempts()) {
        if (a.category().equals(c)) {
          iv.add(interval(h, u, a, 1));
        }
      }
      sum = sum.plus(StepSeries.sweep(iv));
      stacked.add(sum);
    }
    SvgPlot p =
        new SvgPlot(WIDE, HEIGHT, "Tasks running", xMax(h, u), 1, u.axisLabel(), "tasks running");
    p.countsOnY(sum.max());
    // Drawn top (the sum of all) first so that each lower band paints over it.
    for (int i = stacked.size() - 1; i >= 0; i--) {
      p.stepArea(stacked.get(i), color(i), null, 1.0);
    }
    for (int i = 0; i < names.size(); i++) {
      p.legendEntry(color(i), names.get(i));
    }
    if (h.attempts().isEmpty()) {
      p.note("no task ran");
    }
    return p.render();
  }

  /** (d) One category resource's allocation over time, a step line per category. */
  static String allocation(RunHistory h, String resource, String unit) {
    TimeUnit u = TimeUnit.forDuration(h.durationSeconds());
    double end = xMax(h, u);
    List<StepSeries> lines = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> colors = new ArrayList<>();
    double max = 0;
    List<String> names = categoryNames(h);
    for (CategoryStats c : h.categories()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (CategoryAllocation ca : c.allocations()) {
        double v = value(ca.allocation(), resource);
        if (!Double.isNaN(v)) {
          xs.add(Math.max(0, u.of(ca.timestampMicros(), h.startMicros())));
          ys.add(v);
          max = Math.max(max, v);
        }
      }
      if (!xs.isEmpty()) {
        xs.add(end);
        ys.add(ys.getLast());
        lines.add(
            new StepSeries(
                xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray()));
        labels.add(c.name());
        colors.add(color(names.indexOf(c.name())));
      }
    }
    SvgPlot p =
        new SvgPlot(
            HALF,
            HEIGHT,
            "Allocation per category: " + resource,
            end,
            Math.max(max, 1) * 1.08,
            u.axisLabel(),
            resource + " allocated (" + unit + ")");
    // Wider lines first: where categories have the same allocation, the lines show as stripes.
    for (int i = 0; i < lines.size(); i++) {
      double width = 2 + 1.5 * (lines.size() - 1 - i);
      p.stepLine(lines.get(i), colors.get(i), labels.get(i), width);
    }
    if (lines.isEmpty()) {
      p.note("no " + resource + " allocations in the log");
    }
    return p.render();
  }

  /** Category names in report order; a category's colour is its index here. */
  static List<String> categoryNames(RunHistory h) {
    return h.categories().stream().map(CategoryStats::name).toList();
  }

  static String color(int i) {
    return SvgPlot.PALETTE[Math.floorMod(i, SvgPlot.PALETTE.length)];
  }

  static double value(Allocation a, String resource) {
    return switch (resource) {
      case "cores" -> a.cores();
      case "memory" -> a.memoryMb();
      case "disk" -> a.diskMb();
      case "gpus" -> a.gpus();
      default -> throw new IllegalArgumentException("unknown resource " + resource);
    };
  }

  private static StepSeries sweep(RunHistory h, TimeUnit u, ToDoubleFunction<TaskAttempt> v) {
    List<Interval> iv = new ArrayList<>();
    for (TaskAttempt a : h.attempts()) {
      iv.add(interval(h, u, a, v.applyAsDouble(a)));
    }
    return StepSeries.sweep(iv);
  }

  private static Interval interval(RunHistory h, TimeUnit u, TaskAttempt a, double value) {
    return new Interval(
        u.of(a.startMicros(), h.startMicros()), u.of(a.endMicros(), h.startMicros()), value);
  }

  private static double xMax(RunHistory h, TimeUnit u) {
    return Math.max(u.of(h.endMicros(), h.startMicros()), 1e-3);
  }
}

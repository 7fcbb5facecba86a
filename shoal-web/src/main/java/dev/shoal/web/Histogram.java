package dev.shoal.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** (b) Histogram of task wall times on log-scale bins (1, 2, 5 × 10^k seconds), by category. */
final class Histogram {
  private Histogram() {}

  /**
   * Bin edges covering [min, max] (both > 0), at least one bin: 1-2-5 × 10^k, or when the range is
   * narrower than 30× the finer 1-1.5-2-3-5-7 × 10^k, so that a run of similar tasks still gets
   * several bars.
   */
  static double[] edges(double min, double max) {
    min = Math.max(min, 1e-4);
    max = Math.max(max, min);
    List<Double> edges = new ArrayList<>();
    double decade = Math.pow(10, Math.floor(Math.log10(min)));
    double[] mult = max / min < 30 ? new double[] {1, 1.5, 2, 3, 5, 7} : new double[] {1, 2, 5};
    for (int k = 0; ; k++) {
      double e = round(mult[k % mult.length] * decade * Math.pow(10, k / mult.length));
      if (e <= min) {
        edges.clear(); // only the last edge at or below min is kept: the first bin holds min
      }
      edges.add(e);
      if (e > max) {
        break;
      }
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The bin of {@code x}: {@code edges[i] <= x < edges[i+1]}; -1 if outside or NaN. */
  static int bin(double[] edges, double x) {
    for (int i = 0; i + 1 < edges.length; i++) {
      if (x >= edges[i] && x < edges[i + 1]) {
        return i;
      }
    }
    return -1;
  }

  static String svg(RunHistory h) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (TaskAttempt a : h.attempts()) {
      if (a.outcome() != TaskAttempt.Outcome.RUNNING) {
        min = Math.min(min, Math.max(a.wallSeconds(), 1e-4));
        max = Math.max(max, a.wallSeconds());
      }
    }
    if (max == 0) {
      return new SvgPlot(Charts.WIDE, Charts.HEIGHT, "Task wall times", 1, 1, "wall time", "tasks")
          .note("no task finished")
          .render();
    }
    double[] edges = edges(min, max);
    Map<String, int[]> counts = countByCategory(h, edges, a -> Math.max(a.wallSeconds(), 1e-4));
    int bins = edges.length - 1;
    int[] total = new int[bins];
    counts
        .values()
        .forEach(
            c -> {
              for (int i = 0; i < bins; i++) {
                total[i] += c[i];
              }
            });
    int peak = 0;
    for (int t : total) {
      peak = Math.max(peak, t);
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < bins; i++) {
      labels.add(Fmt.num(edges[i]) + "–" + Fmt.num(edges[i + 1]));
    }
    SvgPlot p =
        new SvgPlot(
                Charts.WIDE,
                Charts.HEIGHT,
                "Task wall times",
                bins,
                Math.max(peak, 1),
                "wall time per task attempt (s, bins on a log scale)",
                "task attempts")
            .categoryTicks(labels)
            .countsOnY(peak);
    List<String> names = Charts.categoryNames(h);
    int[] base = new int[bins];
    for (int c = 0; c < names.size(); c++) {
      int[] n = counts.get(names.get(c));
      if (n == null) {
        continue;
      }
      for (int i = 0; i < bins; i++) {
        if (n[i] > 0) {
          p.bar(
              i + 0.08,
              i + 0.92,
              base[i],
              base[i] + n[i],
              Charts.color(c),
              names.get(c) + ": " + n[i] + " attempts of " + labels.get(i) + " s");
          base[i] += n[i];
        }
      }
      p.legendEntry(Charts.color(c), names.get(c));
    }
    return p.render();
  }

  private static double round(double v) {
    return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v));
  }

  /** Counts per (bin, category), for the histogram. */
  static Map<String, int[]> countByCategory(
      RunHistory h, double[] edges, ToDoubleFunction<TaskAttempt> v) {
    Map<String, int[]> counts = new HashMap<>();
    for (TaskAttempt a : h.attempts()) {
      double x = v.applyAsDouble(a);
      int bin = bin(edges, x);
      if (bin >= 0 && a.outcome() != TaskAttempt.Outcome.RUNNING) {
        counts.computeIfAbsent(a.category(), k -> new int[edges.length - 1])[bin]++;
      }
    }
    return counts;
  }
}

package dev.shoal.web;

import java.util.ArrayList;
import java.util.List;

/** "Nice" axis ticks: multiples of 1, 2 or 5 × 10^k from 0 to a rounded-up maximum. */
final class Axis {
  private Axis() {}

  /** The smallest nice step giving at most {@code maxTicks} intervals up to {@code max}. */
  static double step(double max, int maxTicks) {
    return step(max, maxTicks, 0);
  }

  /** As {@link #step(double, int)}, but at least {@code minStep} (1 for counts). */
  static double step(double max, int maxTicks, double minStep) {
    if (!(max > 0)) {
      return Math.max(1, minStep);
    }
    double raw = Math.max(max / maxTicks, minStep);
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** {@code max} rounded up to a multiple of {@link #step}; 1 if {@code max <= 0}. */
  static double niceMax(double max, int maxTicks) {
    return niceMax(max, maxTicks, 0);
  }

  /** {@code max} rounded up to a multiple of the step at least {@code minStep}. */
  static double niceMax(double max, int maxTicks, double minStep) {
    if (!(max > 0)) {
      return Math.max(1, minStep);
    }
    double s = step(max, maxTicks, minStep);
    return Math.ceil(max / s - 1e-9) * s;
  }

  /** Ticks 0, step, 2 step, ... up to {@code niceMax(max)}. */
  static List<Double> ticks(double max, int maxTicks) {
    return ticks(max, maxTicks, 0);
  }

  /** As {@link #ticks(double, int)} with steps of at least {@code minStep}. */
  static List<Double> ticks(double max, int maxTicks, double minStep) {
    double top = niceMax(max, maxTicks, minStep);
    double s = step(top, maxTicks, minStep);
    List<Double> ticks = new ArrayList<>();
    for (int i = 0; i * s <= top + s * 1e-9; i++) {
      ticks.add(i * s);
    }
    return ticks;
  }
}

package dev.shoal.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A step function: {@code y[i]} holds from {@code x[i]} to {@code x[i+1]}; the last value holds at
 * the last point only. Immutable by convention (the arrays are not copied again on access).
 */
record StepSeries(double[] x, double[] y) {

  /** A closed interval [start, end) adding {@code value}. */
  record Interval(double start, double end, double value) {}

  StepSeries {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
    }
    x = x.clone();
    y = y.clone();
  }

  /** The sum of {@code intervals} over time: each adds its value from start to end. */
  static StepSeries sweep(List<Interval> intervals) {
    List<double[]> events = new ArrayList<>();
    for (Interval i : intervals) {
      if (i.end() > i.start() && !Double.isNaN(i.value())) {
        events.add(new double[] {i.start(), i.value()});
        events.add(new double[] {i.end(), -i.value()});
      }
    }
    events.sort((a, b) -> Double.compare(a[0], b[0]));
    double[] xs = new double[events.size()];
    double[] ys = new double[events.size()];
    int n = 0;
    double level = 0;
    for (double[] e : events) {
      level += e[1];
      if (Math.abs(level) < 1e-9) {
        level = 0; // rounding: a sum back at nothing is nothing
      }
      if (n > 0 && xs[n - 1] == e[0]) {
        ys[n - 1] = level;
      } else {
        xs[n] = e[0];
        ys[n] = level;
        n++;
      }
    }
    return new StepSeries(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
  }

  /** Point-wise sum (the x values of both). */
  StepSeries plus(StepSeries o) {
    double[] xs = new double[x.length + o.x.length];
    System.arraycopy(x, 0, xs, 0, x.length);
    System.arraycopy(o.x, 0, xs, x.length, o.x.length);
    xs = Arrays.stream(xs).sorted().distinct().toArray();
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ys[i] = at(xs[i]) + o.at(xs[i]);
    }
    return new StepSeries(xs, ys);
  }

  /** The value at {@code t}: 0 before the first point. */
  double at(double t) {
    int i = Arrays.binarySearch(x, t);
    if (i < 0) {
      i = -i - 2;
    }
    return i < 0 ? 0 : y[i];
  }

  /** The largest value, 0 if empty. */
  double max() {
    return Arrays.stream(y).max().orElse(0);
  }

  boolean isEmpty() {
    return x.length == 0;
  }
}

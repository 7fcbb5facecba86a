package dev.shoal.web;

/**
 * Mean and peak of one measured quantity over a set of task attempts.
 *
 * @param count how many attempts had a value
 * @param mean their mean, NaN if {@code count == 0}
 * @param peak their maximum, NaN if {@code count == 0}
 */
public record Stat(int count, double mean, double peak) {

  /** No values. */
  public static final Stat EMPTY = new Stat(0, Double.NaN, Double.NaN);

  /** Mean and peak of the values that are not NaN. */
  static Stat of(double[] values) {
    int n = 0;
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
        sum += v;
        max = Math.max(max, v);
      }
    }
    return n == 0 ? EMPTY : new Stat(n, sum / n, max);
  }
}

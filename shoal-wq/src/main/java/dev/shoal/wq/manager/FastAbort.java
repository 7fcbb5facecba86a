package dev.shoal.wq.manager;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fast abort ({@code -F multiplier}): a task running longer than the multiplier times the average
 * run time of its category's successful tasks is taken off its worker and run elsewhere. The
 * average is trusted after {@link #MIN_SAMPLES} tasks. Manager thread only; time is passed in.
 */
final class FastAbort {
  /** Successful tasks of a category needed before its average means anything. */
  static final int MIN_SAMPLES = 5;

  private final double multiplier;
  private final Map<String, long[]> byCategory = new HashMap<>();
  private long aborted;

  FastAbort(double multiplier) {
    this.multiplier = multiplier;
  }

  boolean enabled() {
    return multiplier > 0;
  }

  /** A task of {@code category} succeeded after running {@code micros}. */
  void learn(String category, long micros) {
    long[] s = byCategory.computeIfAbsent(category, k -> new long[2]);
    s[0]++;
    s[1] += Math.max(0, micros);
  }

  /**
   * Why a task of {@code category} running for {@code ranMicros} should be aborted, or {@code null}
   * when it should not.
   */
  String check(String category, long ranMicros) {
    long[] s = byCategory.get(category);
    if (!enabled() || s == null || s[0] < MIN_SAMPLES) {
      return null;
    }
    double average = (double) s[1] / s[0];
    double limit = Math.max(multiplier * average, 1_000_000);
    if (ranMicros <= limit) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "ran %.1f s, over %.1f × the %.1f s average of category %s",
        ranMicros / 1e6,
        multiplier,
        average / 1e6,
        category);
  }

  void aborted() {
    aborted++;
  }

  long count() {
    return aborted;
  }
}

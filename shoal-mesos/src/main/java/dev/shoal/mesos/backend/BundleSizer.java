package dev.shoal.mesos.backend;

import java.util.HashMap;
import java.util.Map;

/**
 * How many rules of a category the next Mesos task holds, from what its rules cost so far on the
 * Shoal executor: a moving average of the seconds per rule, from launch to report as the engine
 * sees it (so the Mesos round trip is in it, and shrinks per rule as bundles grow). Pure; owned by
 * the scheduler thread.
 */
final class BundleSizer {
  private static final double WEIGHT = 0.5; // of the newest measure: bundles grow within a few

  private final Bundling bundling;
  private final Map<String, Pace> paces = new HashMap<>();

  private static final class Pace {
    int rules;
    double secondsPerRule;
  }

  BundleSizer(Bundling bundling) {
    this.bundling = bundling;
  }

  /** {@code rules} rules of {@code category} ran on the Shoal executor in {@code seconds}. */
  void record(String category, int rules, double seconds) {
    if (rules < 1) {
      return;
    }
    Pace p = paces.computeIfAbsent(category, c -> new Pace());
    double each = seconds / rules;
    p.secondsPerRule = p.rules == 0 ? each : WEIGHT * each + (1 - WEIGHT) * p.secondsPerRule;
    p.rules += rules;
  }

  /**
   * Rules of {@code category} for the next Mesos task: 1 while bundling is off, the category is
   * still learnt or not short.
   *
   * @param waiting rules of the category waiting
   * @param slots tasks of its size the cluster holds at once
   */
  int size(String category, int waiting, int slots) {
    Pace p = paces.get(category);
    if (!bundling.on()
        || p == null
        || p.rules < bundling.learnFrom()
        || p.secondsPerRule >= bundling.shortSeconds()) {
      return 1;
    }
    int byTime = (int) (bundling.targetSeconds() / Math.max(p.secondsPerRule, 1e-3));
    int bySlots = (waiting + Math.max(1, slots) - 1) / Math.max(1, slots);
    return Math.max(1, Math.min(bundling.maxSize(), Math.min(Math.max(2, byTime), bySlots)));
  }
}

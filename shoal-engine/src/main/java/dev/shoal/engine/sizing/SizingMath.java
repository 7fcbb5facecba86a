package dev.shoal.engine.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * The first-allocation formulas over one {@link ResourceHistogram}, for one resource.
 *
 * <p>With buckets {@code a_1 < a_2 < ...}, counts {@code n_i}, summed wall times {@code T_i} and
 * {@code N = Σ n_i}:
 *
 * <ul>
 *   <li>{@code τ̄ = Σ_i T_i / N}, the mean wall time;
 *   <li>{@code τ_>(a_i) = Σ_{j>i} T_j / N}, the expected wall time of tasks whose peak exceeds
 *       {@code a_i} (they run twice: once at {@code a_i}, then again at the top);
 *   <li>{@code P_≤(a_i) = Σ_{j≤i} n_j / N} and {@code P_>(a_i) = 1 − P_≤(a_i)};
 *   <li>{@code a_m}, the top: what a task that exhausts its first allocation is re-run with.
 * </ul>
 *
 * <p>Candidates are the bucket values {@code a_i ≥ 1}; ties go to the smallest. When every task's
 * wall time is 0 each task counts as one unit of time, so that the formulas stay defined.
 */
final class SizingMath {

  private SizingMath() {}

  /**
   * The scores of one candidate.
   *
   * @param value the candidate allocation {@code a}
   * @param consumption {@code E(a) = a·τ̄ + a_m·τ_>(a)}: expected resource×time one task consumes
   *     when it first runs with {@code a} and is re-run with {@code a_m} if its peak exceeds {@code
   *     a}
   * @param throughput {@code Θ(a) = [(a_m/a)·P_≤(a) + P_>(a)] / [τ̄ + τ_>(a)]}: tasks completed per
   *     {@code a_m}-sized slot per unit of time ({@code a_m/a} tasks share a slot when they fit)
   */
  record Candidate(long value, double consumption, double throughput) {}

  /** {@code E} and {@code Θ} of every candidate bucket, in increasing order of value. */
  static List<Candidate> candidates(ResourceHistogram h, long top) {
    List<Bucket> buckets = h.buckets();
    double n = h.count();
    boolean timed = h.wallTimeSeconds() > 0;
    double totalTime = timed ? h.wallTimeSeconds() : n;
    double meanTime = totalTime / n;
    double countUpTo = 0;
    double timeUpTo = 0;
    List<Candidate> out = new ArrayList<>(buckets.size());
    for (Bucket b : buckets) {
      countUpTo += b.count();
      timeUpTo += timed ? b.wallTimeSeconds() : b.count();
      if (b.value() < 1) {
        continue;
      }
      double a = b.value();
      double pAtMost = countUpTo / n;
      double pAbove = (n - countUpTo) / n;
      double timeAbove = (totalTime - timeUpTo) / n;
      double consumption = a * meanTime + top * timeAbove;
      double throughput = ((top / a) * pAtMost + pAbove) / (meanTime + timeAbove);
      out.add(new Candidate(b.value(), consumption, throughput));
    }
    return out;
  }

  /**
   * MIN_WASTE: {@code argmin E(a)} over the candidates, or {@link ResourceKind#least()} when there
   * is none.
   */
  static long minWaste(ResourceHistogram h, long top) {
    Candidate best = null;
    for (Candidate c : candidates(h, top)) {
      if (best == null || c.consumption() < best.consumption()) {
        best = c;
      }
    }
    return best == null ? h.kind().least() : best.value();
  }

  /**
   * MAX_THROUGHPUT: {@code argmax Θ(a)} over the candidates, or {@link ResourceKind#least()} when
   * there is none.
   */
  static long maxThroughput(ResourceHistogram h, long top) {
    Candidate best = null;
    for (Candidate c : candidates(h, top)) {
      if (best == null || c.throughput() > best.throughput()) {
        best = c;
      }
    }
    return best == null ? h.kind().least() : best.value();
  }

  /**
   * MAX: the largest raw peak plus a third of a bucket (rounded down), rounded up to the bucket: a
   * peak just under a bucket edge gets the next bucket. At least {@link ResourceKind#least()}.
   */
  static long paddedMax(ResourceHistogram h) {
    ResourceKind kind = h.kind();
    return Math.max(kind.least(), kind.roundUp(h.maxSeen() + kind.bucketWidth() / 3));
  }
}

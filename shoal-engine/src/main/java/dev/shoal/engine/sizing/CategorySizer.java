package dev.shoal.engine.sizing;

import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Resources;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sizes the tasks of one category from the measured peaks of its successful tasks.
 *
 * <p>Before steady state (fewer than {@link SizerConfig#steadyTasks()} successful completions since
 * the last reset) a new task gets the {@linkplain #maxAllocation() maximum}. Then, and again after
 * every further {@code steadyTasks} completions, the first allocation is recomputed by the
 * category's mode, per resource ({@link ResourceKind}):
 *
 * <ul>
 *   <li>{@code FIXED}: the user's values as given, never recomputed;
 *   <li>{@code MAX}: the largest peak seen plus {@code floor(bucket/3)}, rounded up;
 *   <li>{@code MIN_WASTE}: {@code argmin E(a)}, {@code E(a) = a·τ̄ + a_m·τ_>(a)};
 *   <li>{@code MAX_THROUGHPUT}: {@code argmax Θ(a)}, {@code Θ(a) = [(a_m/a)·P_≤(a) + P_>(a)] / [τ̄
 *       + τ_>(a)]};
 * </ul>
 *
 * where {@code a_m} is the explicit maximum, else the largest bucket seen (see {@link SizingMath}).
 * The choice is then raised to the category minimum, rounded up to the bucket and capped by the
 * smaller of the explicit maximum and the worker. A resource with no measurement keeps its maximum.
 * Wall time and MPI processes are not sized: they are the user's values.
 *
 * <p>While not in steady state, a successful task whose peak of a resource without an explicit
 * maximum rounds above the largest bucket seen so far restarts the count: the tasks before it ran
 * under a maximum that is now known to be too small to describe the category.
 *
 * <p>Mutable; owned by the engine loop thread (not thread-safe). No I/O.
 */
public final class CategorySizer {

  private final SizerConfig config;
  private final Map<ResourceKind, ResourceHistogram> histograms = new EnumMap<>(ResourceKind.class);
  private int sinceReset;
  private boolean steady;
  private Resources first;

  public CategorySizer(SizerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    for (ResourceKind kind : ResourceKind.values()) {
      histograms.put(kind, new ResourceHistogram(kind));
    }
    this.first = config.mode() == AllocationMode.FIXED ? config.max() : maxAllocation();
  }

  public SizerConfig config() {
    return config;
  }

  /**
   * Records a finished task of the category. Unsuccessful tasks (failed, exhausted their
   * allocation) are ignored. Fields of {@code peak} that are {@link Resources#UNSET} are not
   * recorded.
   *
   * @return the change of the first allocation this completion caused, if any
   */
  public Optional<AllocationChange> record(
      Resources peak, double wallTimeSeconds, boolean successful) {
    Objects.requireNonNull(peak, "peak");
    if (!successful) {
      return Optional.empty();
    }
    boolean outlier = !steady && raisesUnboundedMax(peak);
    for (ResourceKind kind : ResourceKind.values()) {
      long value = kind.get(peak);
      if (value >= 0) {
        histograms.get(kind).add(value, wallTimeSeconds);
      }
    }
    if (outlier) {
      sinceReset = 0;
      return Optional.empty();
    }
    sinceReset++;
    if (config.mode() == AllocationMode.FIXED || sinceReset % config.steadyTasks() != 0) {
      return Optional.empty();
    }
    steady = true;
    Resources next = compute();
    if (next.equals(first)) {
      return Optional.empty();
    }
    AllocationChange change = new AllocationChange(config.category(), first, next, sinceReset);
    first = next;
    return Optional.of(change);
  }

  /** What a new task of the category is given (label {@link Label#AUTO}). */
  public Resources firstAllocation() {
    return first;
  }

  /**
   * What a task retried at the maximum (label {@link Label#MAX}) is given, and every task before
   * steady state: per field the explicit maximum, else the worker. In {@code FIXED} mode, the
   * user's values.
   */
  public Resources maxAllocation() {
    if (config.mode() == AllocationMode.FIXED) {
      return config.max();
    }
    return config.max().orElse(config.worker());
  }

  /** The allocation of an attempt starting with {@code label}. */
  public Resources allocationFor(Label label) {
    return label == Label.MAX ? maxAllocation() : firstAllocation();
  }

  /**
   * The label of the next attempt of a task that exhausted its allocation:
   *
   * <ul>
   *   <li>{@link Label#ERROR} (permanent failure) in {@code FIXED} mode, when {@code current} is
   *       not {@link Label#AUTO} (the maximum is exhausted, or the rule said {@code error}), or
   *       when a measured value exceeds the user's value for the task or the explicit maximum;
   *   <li>{@link Label#MAX} otherwise: retry with {@link #maxAllocation()}.
   * </ul>
   *
   * @param measured the peaks measured for the attempt (wall time included)
   * @param userRequest the rule's own request ({@link Resources#UNSET} fields: none)
   */
  public Label next(Label current, Resources measured, Resources userRequest) {
    if (config.mode() == AllocationMode.FIXED || current != Label.AUTO) {
      return Label.ERROR;
    }
    for (ResourceKind kind : ResourceKind.values()) {
      long m = kind.get(measured);
      if (exceeds(m, kind.get(userRequest)) || exceeds(m, kind.get(config.max()))) {
        return Label.ERROR;
      }
    }
    long wall = measured.wallTimeSec();
    if (exceeds(wall, userRequest.wallTimeSec()) || exceeds(wall, config.max().wallTimeSec())) {
      return Label.ERROR;
    }
    return Label.MAX;
  }

  /** True once the first allocation has been computed from measurements. */
  public boolean steady() {
    return steady;
  }

  /** Successful completions counted since the last reset. */
  public int completionsSinceReset() {
    return sinceReset;
  }

  /** The histogram of {@code kind}, a snapshot. */
  public List<Bucket> buckets(ResourceKind kind) {
    return histograms.get(kind).buckets();
  }

  ResourceHistogram histogram(ResourceKind kind) {
    return histograms.get(kind);
  }

  private boolean raisesUnboundedMax(Resources peak) {
    for (ResourceKind kind : ResourceKind.values()) {
      ResourceHistogram h = histograms.get(kind);
      long value = kind.get(peak);
      if (kind.get(config.max()) == Resources.UNSET
          && value >= 0
          && !h.isEmpty()
          && kind.roundUp(value) > h.roundedMax()) {
        return true;
      }
    }
    return false;
  }

  private Resources compute() {
    Resources out = config.max();
    for (ResourceKind kind : ResourceKind.values()) {
      out = kind.set(out, choose(kind));
    }
    return out;
  }

  private long choose(ResourceKind kind) {
    ResourceHistogram h = histograms.get(kind);
    if (h.isEmpty()) {
      return kind.get(maxAllocation());
    }
    long explicit = kind.get(config.max());
    long top = explicit != Resources.UNSET ? explicit : h.roundedMax();
    long chosen =
        switch (config.mode()) {
          case MIN_WASTE -> SizingMath.minWaste(h, top);
          case MAX_THROUGHPUT -> SizingMath.maxThroughput(h, top);
          case MAX -> SizingMath.paddedMax(h);
          case FIXED -> throw new IllegalStateException("FIXED allocations are not computed");
        };
    return bound(kind, chosen);
  }

  /** Raises {@code value} to the minimum, rounds it up to the bucket, caps it by the maximum. */
  private long bound(ResourceKind kind, long value) {
    long min = kind.get(config.min());
    long v = kind.roundUp(Math.max(value, min));
    long cap = smallerSet(kind.get(config.max()), kind.get(config.worker()));
    return cap == Resources.UNSET ? v : Math.min(v, cap);
  }

  private static long smallerSet(long a, long b) {
    if (a == Resources.UNSET) {
      return b;
    }
    return b == Resources.UNSET ? a : Math.min(a, b);
  }

  private static boolean exceeds(long measured, long limit) {
    return measured != Resources.UNSET && limit != Resources.UNSET && measured > limit;
  }
}

package dev.shoal.engine.run;

import dev.shoal.engine.sizing.AllocationChange;
import dev.shoal.engine.sizing.CategorySizer;
import dev.shoal.engine.sizing.Label;
import dev.shoal.engine.sizing.SizerConfig;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each attempt of a rule is given, learned per category from measured tasks (job sizing, see
 * docs/sizing.md). In FIXED mode — the default — a rule gets what it asked for. In the other modes
 * a category's tasks get its maximum until 25 of them succeeded, then the allocation the mode
 * computes; a task that exhausts its allocation is retried at the maximum, once.
 *
 * <p>Engine loop thread only.
 */
final class Allocations {
  private final Map<String, CategorySizer> sizers = new HashMap<>();
  private final Map<String, Integer> learning = new HashMap<>();
  private final byte[] labels;
  private final AllocationMode defaultMode;
  private final Resources worker;

  /** What exhausting an allocation leads to. */
  enum Exhausted {
    /** Run again at the category maximum; not counted as a failure. */
    RETRY_AT_MAX,
    /** A failure for good. */
    FAIL
  }

  /**
   * @param defaultMode the mode of categories that set none ({@code --allocation})
   * @param worker the largest allocation a task may get where the category sets no maximum
   */
  Allocations(Workflow workflow, AllocationMode defaultMode, Resources worker) {
    this.defaultMode = defaultMode;
    this.worker = worker;
    this.labels = new byte[workflow.rules().size()];
    for (Rule r : workflow.rules()) {
      labels[r.id()] = (byte) Label.parse(r.allocation()).ordinal();
    }
    for (Category c : workflow.categories().values()) {
      sizers.put(c.name(), new CategorySizer(SizerConfig.of(c, defaultMode, worker)));
    }
  }

  private CategorySizer sizer(Rule rule) {
    return sizers.computeIfAbsent(
        rule.category(),
        name ->
            new CategorySizer(
                SizerConfig.of(
                    new Category(name, Resources.NONE, null, Map.of()), defaultMode, worker)));
  }

  /** The resources the next attempt of {@code rule} gets. */
  Resources allocate(Rule rule) {
    CategorySizer s = sizer(rule);
    if (s.config().mode() == AllocationMode.FIXED) {
      return rule.resources();
    }
    Label label = Label.values()[labels[rule.id()]];
    Resources given = s.allocationFor(label == Label.ERROR ? Label.AUTO : label);
    // Wall time and MPI processes are not sized: the rule's own values hold.
    return given
        .withWallTimeSec(rule.resources().wallTimeSec())
        .withMpiProcesses(rule.resources().mpiProcesses());
  }

  /**
   * Whether another attempt of {@code rule} may be handed to a remote back end now. A remote back
   * end holds submitted tasks until it can place them, at the allocation they were submitted with;
   * so while a sized category still learns its first allocation, no more of its tasks are submitted
   * at the maximum than the successes it still needs (at least one). The rest wait in the engine
   * and get the learned allocation (cctools' manager sizes a task when it dispatches it; this is
   * the same effect for back ends that queue).
   */
  boolean mayQueue(Rule rule) {
    if (!learns(rule)) {
      return true;
    }
    CategorySizer s = sizer(rule);
    int needed = Math.max(1, s.config().steadyTasks() - s.completionsSinceReset());
    return learning.getOrDefault(rule.category(), 0) < needed;
  }

  /**
   * Counts an attempt of {@code rule} submitted to a remote back end; returns whether it was
   * counted as one of its category's learning tasks (then {@link #unqueued} must follow its end).
   */
  boolean queued(Rule rule) {
    if (!learns(rule)) {
      return false;
    }
    learning.merge(rule.category(), 1, Integer::sum);
    return true;
  }

  /** The end of an attempt that {@link #queued} counted. */
  void unqueued(Rule rule) {
    learning.merge(rule.category(), -1, Integer::sum);
  }

  /**
   * True while {@code rule}'s next attempt would run at a maximum that sizing is about to lower.
   */
  private boolean learns(Rule rule) {
    CategorySizer s = sizer(rule);
    return s.config().mode() != AllocationMode.FIXED
        && !s.steady()
        && labels[rule.id()] == Label.AUTO.ordinal();
  }

  /** Learns from an attempt that ended; returns a change of the category's allocation, if any. */
  Optional<AllocationChange> learn(Rule rule, TaskResult result) {
    if (result.measured().isEmpty()) {
      return Optional.empty();
    }
    double wall = Math.max(0, result.endMicros() - result.startMicros()) / 1e6;
    return sizer(rule).record(result.measured(), wall, result.succeeded());
  }

  /** Decides what follows an attempt of {@code rule} that exhausted its allocation. */
  Exhausted exhausted(Rule rule, TaskResult result) {
    Label current = Label.values()[labels[rule.id()]];
    Label next = sizer(rule).next(current, result.measured(), rule.resources());
    if (next == Label.MAX) {
      labels[rule.id()] = (byte) Label.MAX.ordinal();
      return Exhausted.RETRY_AT_MAX;
    }
    return Exhausted.FAIL;
  }
}

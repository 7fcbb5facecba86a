package dev.shoal.wq.manager;

import dev.shoal.lang.model.Resources;
import java.util.Collection;
import java.util.List;

/**
 * Chooses the worker for a task. Pure: reads worker states, changes nothing.
 *
 * <p>Among the ready workers where the task fits now (its {@link Capacity#demand} there within what
 * is free), the one that already caches the most bytes of the task's inputs wins; then the one with
 * the fewest tasks, so that work spreads; then the one that joined first.
 */
final class Matcher {
  private Matcher() {}

  /**
   * @param allocation the task's allocation
   * @param inputs the cache names of the task's cacheable inputs
   * @param avoid a worker not to use (the one a fast abort took the task from), or {@code null}
   * @return the chosen worker, or {@code null} when the task fits nowhere now
   */
  static WorkerState pick(
      Resources allocation,
      List<String> inputs,
      Collection<WorkerState> workers,
      WorkerState avoid) {
    WorkerState best = null;
    long bestBytes = -1;
    for (WorkerState w : workers) {
      if (!w.ready || w == avoid || !w.free().holds(Capacity.demand(allocation, w.total))) {
        continue;
      }
      long bytes = inputs.isEmpty() ? 0 : w.cachedBytes(inputs);
      if (best == null
          || bytes > bestBytes
          || (bytes == bestBytes && w.tasks.size() < best.tasks.size())) {
        best = w;
        bestBytes = bytes;
      }
    }
    return best;
  }

  /** True when the task could run on {@code w} once it is idle. */
  static boolean couldEverFit(Resources allocation, WorkerState w) {
    return w.total.holds(Capacity.demand(allocation, w.total));
  }
}

package dev.shoal.wq.manager;

import java.util.Collection;

/**
 * Sends the cacheable inputs of waiting tasks to a worker before a slot frees there, so that
 * transfers overlap the tasks running: a task's inputs would otherwise leave only after an earlier
 * task's result, while the connection sat idle. Legal on the wire: a {@code put} only fills the
 * worker's cache, and the matcher then prefers the worker holding the most of a task's inputs.
 *
 * <p>Each worker is kept at most one round ahead — the inputs of as many waiting tasks as it runs
 * at once — so that little is sent in vain if the task ends up elsewhere, and replies to running
 * tasks never queue behind more than a round of files. Manager thread only.
 */
final class Prefetch {
  /** A task whose missing inputs exceed this is not sent ahead: it would hold up the link. */
  static final long MAX_BYTES = 64L << 20;

  /**
   * Only the head of the queue is looked at: those tasks run next, and a long queue costs nothing.
   */
  static final int SCAN = 64;

  private Prefetch() {}

  /** Sends ahead what fits the rules above, in queue order. */
  static void run(Iterable<ManagedTask> waiting, Collection<WorkerState> workers) {
    int scanned = 0;
    for (ManagedTask t : waiting) {
      if (++scanned > SCAN) {
        return;
      }
      if (t.prefetchedTo != null || t.cachedNames.isEmpty()) {
        continue;
      }
      WorkerState w = target(t, workers);
      if (w == null) {
        return; // every worker is a round ahead: later tasks would not be next either
      }
      long missing = 0;
      for (ManagedTask.InputFile f : t.inputs) {
        if (f.cacheName() != null && !w.cached.containsKey(f.cacheName())) {
          missing += f.size();
        }
      }
      if (missing == 0 || missing > MAX_BYTES) {
        continue;
      }
      for (ManagedTask.InputFile f : t.inputs) {
        if (f.cacheName() != null && !w.cached.containsKey(f.cacheName())) {
          w.connection.put(f, f.cacheName());
          w.cached.put(f.cacheName(), f.size());
        }
      }
      t.prefetchedTo = w;
      w.ahead++;
    }
  }

  /** The worker with room ahead where the task could run, fewest tasks ahead first. */
  private static WorkerState target(ManagedTask t, Collection<WorkerState> workers) {
    WorkerState best = null;
    for (WorkerState w : workers) {
      if (w.ready
          && w.ahead < Math.max(1, w.tasks.size())
          && Matcher.couldEverFit(t.spec.allocation(), w)
          && (best == null || w.ahead < best.ahead)) {
        best = w;
      }
    }
    return best;
  }

  /** The task left the queue (sent, cancelled, failed): its worker may send another ahead. */
  static void left(ManagedTask t) {
    if (t.prefetchedTo != null) {
      t.prefetchedTo.ahead--;
      t.prefetchedTo = null;
    }
  }
}

package dev.shoal.wq.manager;

import dev.shoal.lang.model.Resources;

/**
 * What the workers hold and the queue wants at one moment, for {@link QueueStats}.
 *
 * @param running tasks running on workers
 * @param onWorkers tasks on workers in any state (running, results to fetch)
 * @param init workers connected but not yet ready
 * @param busy ready workers with at least one task
 * @param capacity what the ready workers have
 * @param committed what their tasks hold
 * @param wanted what running and waiting tasks ask (a waiting task with no cores asks one)
 */
record Load(
    int running,
    int onWorkers,
    int init,
    int busy,
    Capacity capacity,
    Capacity committed,
    Capacity wanted) {

  /** Adds up {@code workers} and the {@code waiting} tasks. */
  static Load of(Iterable<WorkerState> workers, Iterable<ManagedTask> waiting) {
    int running = 0;
    int onWorkers = 0;
    int init = 0;
    int busy = 0;
    Capacity capacity = Capacity.ZERO;
    Capacity committed = Capacity.ZERO;
    Capacity wanted = Capacity.ZERO;
    for (WorkerState w : workers) {
      if (!w.ready) {
        init++;
        continue;
      }
      capacity = capacity.plus(w.total);
      committed = committed.plus(w.used);
      if (!w.tasks.isEmpty()) {
        busy++;
      }
      for (ManagedTask t : w.tasks.values()) {
        onWorkers++;
        if (t.state == ManagedTask.State.RUNNING) {
          running++;
          wanted = wanted.plus(t.held);
        }
      }
    }
    for (ManagedTask t : waiting) {
      Resources a = t.spec.allocation();
      wanted =
          wanted.plus(
              new Capacity(
                  a.cores() > 0 ? a.cores() : 1,
                  Math.max(0, a.memoryMb()),
                  Math.max(0, a.diskMb()),
                  Math.max(0, a.gpus())));
    }
    return new Load(running, onWorkers, init, busy, capacity, committed, wanted);
  }
}

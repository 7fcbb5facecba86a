package dev.shoal.wq.manager;

/**
 * A snapshot of the queue for the catalog and status queries. Immutable; made by the manager
 * thread, read by any.
 *
 * @param tasksRunning tasks executing on workers
 * @param tasksOnWorkers tasks executing or having their outputs fetched
 * @param tasksComplete tasks whose result was returned to the engine
 * @param capacity totals of the ready workers
 * @param committed what the tasks on workers hold
 * @param tasksTotal what the waiting and running tasks ask for (a task asking nothing counts one
 *     core)
 */
record QueueStats(
    int tasksWaiting,
    int tasksRunning,
    int tasksOnWorkers,
    long tasksComplete,
    long tasksDispatched,
    long tasksFailed,
    long tasksCancelled,
    int workers,
    int workersInit,
    int workersBusy,
    long workersJoined,
    long workersRemoved,
    long fastAborts,
    Capacity capacity,
    Capacity committed,
    Capacity tasksTotal) {
  static final QueueStats EMPTY =
      new QueueStats(
          0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Capacity.ZERO, Capacity.ZERO, Capacity.ZERO);

  int workersIdle() {
    return workers - workersInit - workersBusy;
  }
}

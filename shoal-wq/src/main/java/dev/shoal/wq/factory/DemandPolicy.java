package dev.shoal.wq.factory;

import java.util.List;

/**
 * How many workers the factory wants, as cctools' {@code work_queue_factory} decides it. A pure
 * function: catalog records and the count of workers the factory has running in, a {@link Demand}
 * out. Immutable and thread-safe.
 *
 * <p>Per manager: {@code need = tasks_waiting + tasks_left + tasks_on_workers}, divided (rounding
 * up) by the tasks one worker runs ({@code --tasks-per-worker}; unset: one per core of {@code
 * --cores}; neither: 1); then at least {@code ceil(tasks_total_R / R)} for every resource R the
 * workers are given a size of; with {@code --capacity}, at most the manager's {@code
 * capacity_weighted}. The needs of all managers are summed and clamped to {@code [min, max]}.
 *
 * <p>The workers to start now are that need minus the workers already there — the larger of the
 * factory's own (running or waiting to connect) and those the managers report connected, which
 * counts workers started by someone else — and never so many that more than {@code workersPerCycle}
 * of the factory's workers wait to connect.
 *
 * @param minWorkers {@code -w}: workers kept even without work
 * @param maxWorkers {@code -W}: most workers the factory runs at once
 * @param workersPerCycle most workers waiting to connect at any time
 * @param tasksPerWorker {@code --tasks-per-worker}; 0 = unset
 * @param shape the size of each worker
 * @param useCapacity {@code -c}: cap each manager's need by its reported capacity
 */
public record DemandPolicy(
    int minWorkers,
    int maxWorkers,
    int workersPerCycle,
    int tasksPerWorker,
    WorkerShape shape,
    boolean useCapacity) {

  public DemandPolicy {
    if (minWorkers < 0 || maxWorkers < 1 || minWorkers > maxWorkers) {
      throw new IllegalArgumentException(
          "workers: min "
              + minWorkers
              + ", max "
              + maxWorkers
              + ": need 0 <= min <= max and max >= 1 (-w, -W)");
    }
    if (workersPerCycle < 1) {
      throw new IllegalArgumentException(
          "--workers-per-cycle " + workersPerCycle + ": must be at least 1");
    }
    if (tasksPerWorker < 0) {
      throw new IllegalArgumentException(
          "--tasks-per-worker " + tasksPerWorker + ": must be at least 1");
    }
  }

  /** cctools' defaults: 5 to 100 workers, 5 per cycle, one task per core. */
  public static DemandPolicy defaults() {
    return new DemandPolicy(5, 100, 5, 0, WorkerShape.UNSET, false);
  }

  /** Tasks one worker is expected to run at once. */
  long tasksPerWorkerOrDefault() {
    if (tasksPerWorker > 0) {
      return tasksPerWorker;
    }
    return shape.cores() > 0 ? shape.cores() : 1;
  }

  /** The workers one manager needs, before the clamp to {@code [min, max]}. */
  public long need(ManagerRecord m) {
    long need =
        ceilDiv(m.tasksWaiting() + m.tasksLeft() + m.tasksOnWorkers(), tasksPerWorkerOrDefault());
    need = Math.max(need, byResource(m.totalCores(), shape.cores()));
    need = Math.max(need, byResource(m.totalMemoryMb(), shape.memoryMb()));
    need = Math.max(need, byResource(m.totalDiskMb(), shape.diskMb()));
    need = Math.max(need, byResource(m.totalGpus(), shape.gpus()));
    if (useCapacity && m.capacityWeighted() > 0) {
      need = Math.min(need, m.capacityWeighted());
    }
    return need;
  }

  /**
   * Decides one cycle.
   *
   * @param managers the records of the managers served (already filtered by project)
   * @param submitted workers the factory has started that have not exited
   */
  public Demand decide(List<ManagerRecord> managers, int submitted) {
    if (submitted < 0) {
      throw new IllegalArgumentException("submitted workers " + submitted + " < 0");
    }
    long sum = 0;
    long connected = 0;
    for (ManagerRecord m : managers) {
      sum = saturatedAdd(sum, need(m));
      connected = saturatedAdd(connected, m.workersConnected());
    }
    int needed = Math.clamp(sum, minWorkers, maxWorkers);
    int pending = (int) Math.max(0, submitted - connected);
    long present = Math.max(submitted, connected);
    long start = Math.min(needed - present, workersPerCycle - pending);
    start = Math.min(start, maxWorkers - submitted);
    return new Demand(
        managers.size(), needed, connected, submitted, pending, (int) Math.max(0, start));
  }

  private static long byResource(long total, long perWorker) {
    return perWorker > 0 ? ceilDiv(total, perWorker) : 0;
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : Math.ceilDiv(a, b);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}

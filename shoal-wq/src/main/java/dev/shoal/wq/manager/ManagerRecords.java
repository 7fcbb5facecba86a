package dev.shoal.wq.manager;

import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxBoolean;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The manager's {@code wq_master} record, as cctools' manager sends it to the catalog every 60 s
 * and answers {@code queue_status} with: the field names that {@code work_queue_status} and {@code
 * work_queue_factory} read. Pure.
 */
final class ManagerRecords {
  /**
   * The protocol advertised in {@code protocol}: the one Debian's cctools (8.0.0) factory and
   * workers speak. cctools' factory serves only managers whose {@code protocol} equals its
   * workers', so advertising 9 keeps cctools' tools serving a Shoal manager.
   */
  static final int ADVERTISED_PROTOCOL = 9;

  /**
   * Every protocol the manager accepts, advertised in {@code protocols_accepted} (a Shoal field):
   * Shoal's worker found through the catalog speaks its own protocol (11) when the manager's record
   * lists it there, else the record's {@code protocol}.
   */
  static final List<Integer> ACCEPTED_PROTOCOLS = List.of(9, 11);

  private ManagerRecords() {}

  /**
   * Who and where the manager is.
   *
   * @param tasksLeft the engine's rules not yet submitted ({@code tasks_left}); thread-safe
   */
  record Identity(
      String project,
      String hostname,
      int port,
      String owner,
      long startSeconds,
      String workDir,
      IntSupplier tasksLeft,
      boolean ssl) {}

  static JxObject managerRecord(Identity id, QueueStats s) {
    Map<String, JxValue> f = new LinkedHashMap<>();
    f.put("type", str("wq_master"));
    f.put("project", str(id.project() == null ? "" : id.project()));
    f.put("name", str(id.hostname()));
    f.put("port", num(id.port()));
    f.put("ssl", new JxBoolean(id.ssl()));
    f.put("owner", str(id.owner()));
    f.put("version", str("shoal-0.1.0"));
    f.put("protocol", num(ADVERTISED_PROTOCOL));
    f.put(
        "protocols_accepted",
        new JxArray(ACCEPTED_PROTOCOLS.stream().<JxValue>map(ManagerRecords::num).toList()));
    f.put("starttime", num(id.startSeconds()));
    f.put("working_dir", str(id.workDir()));
    f.put("manager_preferred_connection", str("by_ip"));
    f.put("priority", num(0));
    f.put("tasks_waiting", num(s.tasksWaiting()));
    f.put("tasks_running", num(s.tasksRunning()));
    f.put("tasks_on_workers", num(s.tasksOnWorkers()));
    f.put("tasks_complete", num(s.tasksComplete()));
    f.put("tasks_left", num(Math.max(0, id.tasksLeft().getAsInt())));
    f.put("tasks_dispatched", num(s.tasksDispatched()));
    f.put("tasks_done", num(s.tasksComplete()));
    f.put("tasks_failed", num(s.tasksFailed()));
    f.put("tasks_cancelled", num(s.tasksCancelled()));
    f.put("tasks_exhausted_attempts", num(0));
    f.put("workers", num(s.workers()));
    f.put("workers_connected", num(s.workers()));
    f.put("workers_init", num(s.workersInit()));
    f.put("workers_idle", num(s.workersIdle()));
    f.put("workers_busy", num(s.workersBusy()));
    f.put("workers_able", num(s.workers() - s.workersInit()));
    f.put("workers_joined", num(s.workersJoined()));
    f.put("workers_removed", num(s.workersRemoved()));
    f.put("workers_fast_aborted", num(s.fastAborts()));
    f.put("workers_blocked", num(0));
    f.put("workers_lost", num(0));
    Capacity cap = s.capacity();
    long capacityTasks = Math.max(s.workers() - s.workersInit(), (long) cap.cores());
    f.put("capacity_tasks", num(capacityTasks));
    f.put("capacity_cores", num((long) cap.cores()));
    f.put("capacity_memory", num((long) cap.memoryMb()));
    f.put("capacity_disk", num((long) cap.diskMb()));
    f.put("capacity_gpus", num((long) cap.gpus()));
    f.put("capacity_instantaneous", num(capacityTasks));
    f.put("capacity_weighted", num(capacityTasks));
    f.put("manager_load", new dev.shoal.jx.JxDouble(load(s)));
    f.put("total_cores", num((long) cap.cores()));
    f.put("total_memory", num((long) cap.memoryMb()));
    f.put("total_disk", num((long) cap.diskMb()));
    f.put("total_gpus", num((long) cap.gpus()));
    Capacity used = s.committed();
    f.put("committed_cores", num((long) used.cores()));
    f.put("committed_memory", num((long) used.memoryMb()));
    f.put("committed_disk", num((long) used.diskMb()));
    f.put("committed_gpus", num((long) used.gpus()));
    // What work_queue_status -R prints (cctools' names for the same totals).
    f.put("cores_total", num((long) cap.cores()));
    f.put("cores_inuse", num((long) Math.ceil(used.cores())));
    f.put("memory_total", num((long) cap.memoryMb()));
    f.put("memory_inuse", num((long) Math.ceil(used.memoryMb())));
    f.put("disk_total", num((long) cap.diskMb()));
    f.put("disk_inuse", num((long) Math.ceil(used.diskMb())));
    f.put("gpus_total", num((long) cap.gpus()));
    f.put("gpus_inuse", num((long) Math.ceil(used.gpus())));
    Capacity want = s.tasksTotal();
    f.put("tasks_total_cores", num((long) Math.ceil(want.cores())));
    f.put("tasks_total_memory", num((long) Math.ceil(want.memoryMb())));
    f.put("tasks_total_disk", num((long) Math.ceil(want.diskMb())));
    f.put("tasks_total_gpus", num((long) Math.ceil(want.gpus())));
    return new JxObject(f);
  }

  /** Share of the pool's cores in use, 0..1. */
  private static double load(QueueStats s) {
    double cores = s.capacity().cores();
    return cores <= 0 ? 0 : Math.min(1, s.committed().cores() / cores);
  }

  static JxString str(String s) {
    return new JxString(s == null ? "" : s);
  }

  static JxInteger num(long v) {
    return new JxInteger(v);
  }
}

package dev.shoal.wq.manager;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers to the status queries a client may send as its first line ({@code queue_status}, {@code
 * task_status}, {@code worker_status}, {@code resources_status}): a JSON array, after which the
 * manager closes the connection, as {@code work_queue_status HOST PORT} expects. Manager thread
 * only.
 */
final class StatusAnswers {
  private StatusAnswers() {}

  static String answer(String verb, Manager m, QueueStats s) {
    List<JxValue> items = new ArrayList<>();
    switch (verb) {
      case "queue_status" -> items.add(ManagerRecords.managerRecord(m.identity(), s));
      case "task_status" -> {
        for (WorkerState w : m.workers()) {
          for (ManagedTask t : w.tasks.values()) {
            items.add(
                task(t, t.state == ManagedTask.State.RUNNING ? "running" : "waiting_retrieval", w));
          }
        }
        for (ManagedTask t : m.waiting()) {
          items.add(task(t, "waiting", null));
        }
      }
      case "worker_status", "resources_status" -> {
        for (WorkerState w : m.workers()) {
          items.add(worker(w));
        }
      }
      default -> {
        // wable_status and anything newer: an empty list.
      }
    }
    return Json.write(ManagerRecords.array(items)) + "\n";
  }

  private static JxObject task(ManagedTask t, String state, WorkerState w) {
    Map<String, JxValue> f = new LinkedHashMap<>();
    f.put("taskid", ManagerRecords.num(t.spec.id().value()));
    f.put("state", ManagerRecords.str(state));
    f.put("category", ManagerRecords.str(t.spec.category()));
    f.put("command", ManagerRecords.str(t.spec.command()));
    if (w != null) {
      f.put("host", ManagerRecords.str(w.hostname));
      f.put("address_port", ManagerRecords.str(w.connection.peer()));
      f.put("cores", ManagerRecords.num((long) t.held.cores()));
      f.put("memory", ManagerRecords.num((long) t.held.memoryMb()));
      f.put("disk", ManagerRecords.num((long) t.held.diskMb()));
      f.put("gpus", ManagerRecords.num((long) t.held.gpus()));
    }
    return new JxObject(f);
  }

  private static JxObject worker(WorkerState w) {
    Map<String, JxValue> f = new LinkedHashMap<>();
    f.put("hostname", ManagerRecords.str(w.hostname));
    f.put("address_port", ManagerRecords.str(w.connection.peer()));
    f.put("state", ManagerRecords.str(!w.ready ? "init" : w.tasks.isEmpty() ? "idle" : "busy"));
    f.put("tasks_running", ManagerRecords.num(w.tasks.size()));
    f.put("total_tasks_complete", ManagerRecords.num(w.tasksDone));
    f.put("cores_total", ManagerRecords.num((long) w.total.cores()));
    f.put("cores_inuse", ManagerRecords.num((long) w.used.cores()));
    f.put("memory_total", ManagerRecords.num((long) w.total.memoryMb()));
    f.put("memory_inuse", ManagerRecords.num((long) w.used.memoryMb()));
    f.put("disk_total", ManagerRecords.num((long) w.total.diskMb()));
    f.put("disk_inuse", ManagerRecords.num((long) w.used.diskMb()));
    f.put("gpus_total", ManagerRecords.num((long) w.total.gpus()));
    f.put("gpus_inuse", ManagerRecords.num((long) w.used.gpus()));
    f.put("fast_aborts", ManagerRecords.num(w.fastAborts));
    return new JxObject(f);
  }
}

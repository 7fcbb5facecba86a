package dev.shoal.wq.manager;

import static dev.shoal.wq.manager.ManagerRecords.num;
import static dev.shoal.wq.manager.ManagerRecords.str;

import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import dev.shoal.lang.model.Resources;
import dev.shoal.wq.status.StatusKind;
import dev.shoal.wq.status.StatusReplies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manager's state as a {@link StatusReplies.Snapshot}, in the field names cctools' {@code
 * work_queue_status} reads (see the captured answers in shoal-wq's status test resources): the
 * answer to a direct status query ({@code queue_status}, {@code task_status}, ...). Manager thread
 * only.
 */
final class StatusSnapshots {
  private StatusSnapshots() {}

  /** The JSON array answering {@code verb}; an unknown verb gets an empty array. */
  static String reply(String verb, Manager m, QueueStats s) {
    return StatusKind.ofRequest(verb).map(k -> StatusReplies.reply(k, snapshot(m, s))).orElse("[]");
  }

  static StatusReplies.Snapshot snapshot(Manager m, QueueStats s) {
    List<JxObject> tasks = new ArrayList<>();
    List<JxObject> workers = new ArrayList<>();
    Map<String, int[]> categories = new LinkedHashMap<>();
    int[] whole = new int[3];
    int able = 0;
    for (WorkerState w : m.workers()) {
      workers.add(worker(w));
      able += w.ready ? 1 : 0;
      for (ManagedTask t : w.tasks.values()) {
        boolean running = t.state == ManagedTask.State.RUNNING;
        tasks.add(task(t, running ? "running" : "waiting_retrieval", w));
        count(categories, whole, t, running ? 2 : 1);
      }
    }
    for (ManagedTask t : m.waiting()) {
      tasks.add(task(t, "WAITING", null));
      count(categories, whole, t, 0);
    }
    List<JxObject> cats = new ArrayList<>();
    cats.add(category("whole queue", whole, able));
    for (Map.Entry<String, int[]> c : categories.entrySet()) {
      cats.add(category(c.getKey(), c.getValue(), able));
    }
    return new StatusReplies.Snapshot(
        ManagerRecords.managerRecord(m.identity(), s), tasks, workers, cats);
  }

  /** Counts {@code t} as waiting (0), on a worker (1) or running there (2, also on a worker). */
  private static void count(Map<String, int[]> cats, int[] whole, ManagedTask t, int how) {
    int[] c = cats.computeIfAbsent(t.spec.category(), k -> new int[3]);
    for (int[] n : List.of(c, whole)) {
      if (how == 0) {
        n[0]++;
      } else {
        n[1]++;
        n[2] += how == 2 ? 1 : 0;
      }
    }
  }

  private static JxObject category(String name, int[] n, int able) {
    Map<String, JxValue> f = new LinkedHashMap<>();
    f.put("category", str(name));
    f.put("tasks_waiting", num(n[0]));
    f.put("tasks_on_workers", num(n[1]));
    f.put("tasks_running", num(n[2]));
    f.put("workers_able", num(able));
    return new JxObject(f);
  }

  private static JxObject task(ManagedTask t, String state, WorkerState w) {
    Map<String, JxValue> f = new LinkedHashMap<>();
    f.put("taskid", num(t.spec.id().value()));
    f.put("state", str(state));
    f.put("category", str(t.spec.category()));
    f.put("command", str(t.spec.command()));
    // cctools sends the priority as text.
    f.put("priority", str("0"));
    Resources a = t.spec.allocation();
    f.put("cores", num(a.cores()));
    f.put("memory", num(a.memoryMb()));
    f.put("disk", num(a.diskMb()));
    f.put("gpus", num(a.gpus()));
    if (w != null) {
      f.put("host", str(w.hostname));
      f.put("address_port", str(w.connection.peer()));
    }
    return new JxObject(f);
  }

  private static JxObject worker(WorkerState w) {
    Map<String, JxValue> f = new LinkedHashMap<>();
    f.put("hostname", str(w.hostname));
    f.put("address_port", str(w.connection.peer()));
    f.put("state", str(!w.ready ? "init" : w.tasks.isEmpty() ? "idle" : "busy"));
    f.put("total_tasks_running", num(w.tasks.size()));
    f.put("total_tasks_complete", num(w.tasksDone));
    f.put("cores_total", num((long) w.total.cores()));
    f.put("cores_inuse", num((long) Math.ceil(w.used.cores())));
    f.put("memory_total", num((long) w.total.memoryMb()));
    f.put("memory_inuse", num((long) Math.ceil(w.used.memoryMb())));
    f.put("disk_total", num((long) w.total.diskMb()));
    f.put("disk_inuse", num((long) Math.ceil(w.used.diskMb())));
    f.put("gpus_total", num((long) w.total.gpus()));
    f.put("gpus_inuse", num((long) Math.ceil(w.used.gpus())));
    f.put("fast_aborts", num(w.fastAborts));
    return new JxObject(f);
  }
}

package dev.shoal.wq.status;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manager's side of the direct status query: what a manager writes, then closes the connection,
 * when the first line on a new connection is a {@link StatusKind#request()} instead of {@code
 * workqueue ...} (or {@code name}, or {@code auth}). A pure function; thread-safe.
 *
 * <p>The snapshot's objects carry cctools' field names (see the captured answers in this package's
 * test resources): the queue record is the manager's catalog record ({@code project, port,
 * tasks_waiting, tasks_running, tasks_complete, tasks_on_workers, tasks_left, workers,
 * workers_connected, cores_total, cores_inuse, memory_total, ...}) with {@code categories}; each
 * task {@code taskid, state, command, category, priority, host, cores, memory, disk, gpus}; each
 * worker {@code hostname, address_port, total_tasks_complete, total_tasks_running, cores_total,
 * cores_inuse, memory_total, ...}; each category {@code category, tasks_waiting, tasks_on_workers,
 * tasks_running, workers_able, ...}, the first being {@code "whole queue"}.
 */
public final class StatusReplies {
  private StatusReplies() {}

  /** What the manager knows at one moment, in cctools' field names. */
  public record Snapshot(
      JxObject queue, List<JxObject> tasks, List<JxObject> workers, List<JxObject> categories) {
    public Snapshot {
      tasks = List.copyOf(tasks);
      workers = List.copyOf(workers);
      categories = List.copyOf(categories);
    }
  }

  /** The answer to {@code kind}: one JSON array, no trailing newline (as cctools sends it). */
  public static String reply(StatusKind kind, Snapshot s) {
    List<JxValue> items =
        switch (kind) {
          case QUEUE, RESOURCES -> List.of(withCategories(s));
          case TASKS -> List.copyOf(s.tasks());
          case WORKERS -> List.copyOf(s.workers());
          case ABLE_WORKERS -> List.copyOf(s.categories());
        };
    return Json.write(new JxArray(items));
  }

  private static JxObject withCategories(Snapshot s) {
    if (s.queue().get("categories") != null) {
      return s.queue();
    }
    Map<String, JxValue> fields = new LinkedHashMap<>(s.queue().fields());
    fields.put("categories", new JxArray(new ArrayList<>(s.categories())));
    return new JxObject(fields);
  }
}

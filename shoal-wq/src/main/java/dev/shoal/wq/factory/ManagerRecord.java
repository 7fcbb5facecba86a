package dev.shoal.wq.factory;

import dev.shoal.jx.JxDouble;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;

/**
 * The numbers of one Work Queue manager's catalog record ({@code "type":"wq_master"}) that the
 * factory's demand uses. Fields a manager does not report read as 0.
 *
 * @param project the manager's project name ("" when it has none)
 * @param host where it runs: the record's {@code address} (set by the catalog), else {@code name}
 * @param port the manager's port (0 when absent)
 */
public record ManagerRecord(
    String project,
    String host,
    int port,
    long tasksWaiting,
    long tasksLeft,
    long tasksOnWorkers,
    long tasksRunning,
    long totalCores,
    long totalMemoryMb,
    long totalDiskMb,
    long totalGpus,
    long workersConnected,
    long capacityWeighted) {

  /** The record of a manager as the catalog returns it. */
  public static ManagerRecord of(JxObject r) {
    String host = text(r, "address");
    if (host.isEmpty()) {
      host = text(r, "name");
    }
    long workers = number(r, "workers_connected");
    if (r.get("workers_connected") == null) {
      workers = number(r, "workers");
    }
    return new ManagerRecord(
        text(r, "project"),
        host,
        (int) number(r, "port"),
        number(r, "tasks_waiting"),
        number(r, "tasks_left"),
        number(r, "tasks_on_workers"),
        number(r, "tasks_running"),
        number(r, "tasks_total_cores"),
        number(r, "tasks_total_memory"),
        number(r, "tasks_total_disk"),
        number(r, "tasks_total_gpus"),
        workers,
        number(r, "capacity_weighted"));
  }

  /** True when {@code r} is a Work Queue manager's record. */
  public static boolean isManager(JxObject r) {
    return "wq_master".equals(text(r, "type"));
  }

  static String text(JxObject r, String key) {
    return r.get(key) instanceof JxString(String s) ? s : "";
  }

  /** A non-negative whole number; strings of digits are accepted, as old managers sent them. */
  static long number(JxObject r, String key) {
    JxValue v = r.get(key);
    long n =
        switch (v) {
          case JxInteger(long i) -> i;
          case JxDouble(double d) -> Double.isFinite(d) ? (long) Math.ceil(d) : 0;
          case JxString(String s) -> parse(s);
          case null, default -> 0;
        };
    return Math.max(0, n);
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

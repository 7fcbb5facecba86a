package dev.shoal.monitor;

import dev.shoal.monitor.proc.ProcStat;
import dev.shoal.monitor.proc.ProcTable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Finds a task's processes in a {@link ProcTable} when there is no cgroup, remembering them over
 * time. A process belongs to the task if it was seen in it before (same pid and start time), if its
 * parent belongs (checked parents first, so a whole new subtree joins in one pass), or if it
 * started after the task and carries the task's tag in its environment: the last rule finds a
 * daemon whose intermediate parent exited before any sample saw it.
 *
 * <p>CPU time: live members' own and reaped children's times ({@code utime + stime + cutime +
 * cstime}), plus the last seen times of members that left while their parent was not a member (a
 * daemon's, reaped by init, would otherwise be lost). The result never decreases.
 *
 * <p>Not thread-safe: used under its task's lock.
 */
final class TreeTracker {
  private final long rootPid;
  private final long notBeforeTicks;
  private final ToLongFunction<ProcStat> tagMatches;
  private Map<Long, ProcStat> members = new HashMap<>();
  private long departedTicks;
  private long cpuTicks;

  /**
   * @param rootPid the task's first process
   * @param notBeforeTicks processes started before this (ticks since boot) never join by tag
   * @param tagMatches 1 if the process carries the task's tag, else 0 (reads its environment)
   */
  TreeTracker(long rootPid, long notBeforeTicks, ToLongFunction<ProcStat> tagMatches) {
    this.rootPid = rootPid;
    this.notBeforeTicks = notBeforeTicks;
    this.tagMatches = tagMatches;
  }

  /** Updates the members from {@code table}; returns them (pid to stat). */
  Map<Long, ProcStat> update(ProcTable table) {
    Map<Long, ProcStat> now = new HashMap<>();
    for (ProcStat p : table.byStartTime()) {
      ProcStat before = members.get(p.pid());
      boolean known = before != null && before.startTime() == p.startTime();
      boolean root = p.pid() == rootPid && members.isEmpty() && now.isEmpty();
      ProcStat parent = now.get(p.ppid());
      boolean child = parent != null && p.startTime() >= parent.startTime();
      if (known
          || root
          || child
          || (p.startTime() >= notBeforeTicks && tagMatches.applyAsLong(p) == 1)) {
        now.put(p.pid(), p);
      }
    }
    for (ProcStat gone : members.values()) {
      ProcStat still = now.get(gone.pid());
      if ((still == null || still.startTime() != gone.startTime())
          && !now.containsKey(gone.ppid())) {
        departedTicks += total(gone);
      }
    }
    members = now;
    long live = 0;
    for (ProcStat p : now.values()) {
      live += total(p);
    }
    cpuTicks = Math.max(cpuTicks, live + departedTicks);
    return now;
  }

  /** CPU time of the tree so far, in clock ticks. */
  long cpuTicks() {
    return cpuTicks;
  }

  Map<Long, ProcStat> members() {
    return members;
  }

  private static long total(ProcStat p) {
    return p.utime() + p.stime() + p.cutime() + p.cstime();
  }
}

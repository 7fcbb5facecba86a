package dev.shoal.monitor.proc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code stat} of every process at one moment, ordered by start time (a parent before its
 * children). One table is read per sampling tick and shared by all tasks followed through /proc.
 * Immutable.
 */
public final class ProcTable {
  private final List<ProcStat> byStart;
  private final Map<Long, ProcStat> byPid;

  public ProcTable(Collection<ProcStat> stats) {
    List<ProcStat> l = new ArrayList<>(stats);
    l.sort(Comparator.comparingLong(ProcStat::startTime).thenComparingLong(ProcStat::pid));
    this.byStart = List.copyOf(l);
    this.byPid = new HashMap<>();
    for (ProcStat s : l) {
      byPid.put(s.pid(), s);
    }
  }

  /** Reads every process of {@code proc}; processes that exit while listed are left out. */
  public static ProcTable read(ProcFs proc) {
    List<ProcStat> out = new ArrayList<>();
    for (long pid : proc.pids()) {
      proc.stat(pid).ifPresent(out::add);
    }
    return new ProcTable(out);
  }

  /** All processes, parents before children. */
  public List<ProcStat> byStartTime() {
    return byStart;
  }

  /** The process {@code pid}, or null. */
  public ProcStat get(long pid) {
    return byPid.get(pid);
  }
}

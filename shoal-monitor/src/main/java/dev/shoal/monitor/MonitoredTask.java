package dev.shoal.monitor;

import dev.shoal.monitor.cgroup.CgroupUsage;
import dev.shoal.monitor.cgroup.TaskCgroup;
import dev.shoal.monitor.proc.ProcIo;
import dev.shoal.monitor.proc.ProcStat;
import dev.shoal.monitor.proc.ProcStatus;
import dev.shoal.monitor.proc.ProcTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One task followed by a {@link TaskMonitor}: made by {@link TaskMonitor#prepare}, then {@link
 * #attach}ed to the task's first process, then {@link #finish}ed once that process has ended.
 *
 * <p>The task's shell runs {@link #joinSnippet()} before the command, so the task's cgroup holds
 * every descendant from the start. When a limit is exceeded, the tree is killed at that sample
 * (within one interval) and the summary says {@code limits} and names the resource.
 *
 * <p>Threading: all methods are safe to call from any thread; sampling runs on the monitor's thread
 * under this object's lock, so a sample never overlaps {@link #finish}.
 */
public final class MonitoredTask {
  static final String TAG = "SHOAL_MONITOR_TASK";
  private static final System.Logger LOG = System.getLogger(MonitoredTask.class.getName());

  private enum State {
    PREPARED,
    ATTACHED,
    FINISHED
  }

  private final TaskMonitor monitor;
  private final String name;
  private final TaskConfig config;
  private final TaskCgroup cgroup;
  private final boolean ownsGroup;
  private CgroupUsage base = new CgroupUsage(0, 0, 0, 0, 0, 0, 0);
  private CgroupUsage lastRaw;
  private final Map<Long, long[]> seen = new HashMap<>(); // pid -> start, rchar, wchar, switches
  private final Map<Resource, Double> exceeded = new EnumMap<>(Resource.class);
  private final List<Sample> series = new ArrayList<>();
  private State state = State.PREPARED;
  private long rootPid;
  private TreeTracker tracker;
  private Accumulator acc;
  private Map<Long, ProcStat> members = Map.of();
  private long departedRead;
  private long departedWritten;
  private long departedSwitches;
  private long totalProcesses;
  private boolean released;

  MonitoredTask(
      TaskMonitor monitor, String name, TaskConfig config, TaskCgroup cgroup, boolean ownsGroup) {
    this.monitor = monitor;
    this.name = name;
    this.config = config;
    this.cgroup = cgroup;
    this.ownsGroup = ownsGroup;
  }

  /** Reads the group's counters before the task joins it: what earlier tasks left in them. */
  synchronized void takeBaseline() throws IOException {
    if (cgroup != null && !ownsGroup) {
      CgroupUsage known = monitor.settledCounters(cgroup);
      base = known != null ? known : cgroup.counters();
    }
  }

  public String name() {
    return name;
  }

  /** Whether the task has a cgroup (else it is followed through /proc). */
  public boolean inCgroup() {
    return cgroup != null;
  }

  /**
   * Shell text for the task's subshell to run before the command: joins the cgroup(s), and sets the
   * variable that tags the task's processes (found by it when there is no cgroup). Ends with a
   * space; safe to prefix to any command.
   */
  public String joinSnippet() {
    String tag = "export " + TAG + "='" + name.replace("'", "'\\''") + "'; ";
    return (cgroup == null ? "" : cgroup.joinSnippet()) + tag;
  }

  /**
   * Starts measuring the tree of {@code pid} (the task's subshell or command) from now.
   *
   * @throws IllegalStateException if already attached or finished
   */
  public synchronized void attach(long pid) {
    if (state != State.PREPARED) {
      throw new IllegalStateException("task " + name + " is " + state + ", cannot attach " + pid);
    }
    rootPid = pid;
    long now = monitor.micros();
    acc =
        new Accumulator(
            now,
            Math.max(1_000_000L, monitor.intervalMicros()),
            Runtime.getRuntime().availableProcessors());
    if (cgroup == null) {
      tracker = new TreeTracker(pid, monitor.ticksSinceBoot(now) - 1, monitor.tagMatcher(name));
    }
    state = State.ATTACHED;
    monitor.attached(this);
  }

  /** The limits exceeded so far (empty while within limits). */
  public synchronized Map<Resource, Double> exceeded() {
    return Map.copyOf(exceeded);
  }

  /** Kills the task's whole tree now (SIGKILL), e.g. to cancel it. */
  public synchronized void kill() {
    try {
      if (cgroup != null) {
        cgroup.killAll(20);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot list the processes of " + cgroup, e);
    }
    for (long pid : members.keySet()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  boolean followedByProc() {
    return state == State.ATTACHED && cgroup == null;
  }

  /** Takes one sample; {@code table} is this tick's process table (null if none was read). */
  synchronized void sample(ProcTable table) throws IOException {
    sample(table, false);
  }

  /**
   * One sample; the {@code last}, taken once the task's first process has ended, reads only the
   * group's counters when there is a group: its memory is gone, and what is left is killed.
   */
  private void sample(ProcTable table, boolean last) throws IOException {
    if (state != State.ATTACHED) {
      return;
    }
    long now = monitor.micros();
    long cpuMicros;
    CgroupUsage cu = null;
    if (cgroup != null) {
      CgroupUsage raw = last ? cgroup.counters() : cgroup.usage();
      lastRaw = raw;
      cu =
          new CgroupUsage(
              raw.memoryBytes(),
              raw.chargedPeakBytes(),
              raw.swapBytes(),
              raw.cpuNanos() - base.cpuNanos(),
              raw.tasks(),
              raw.forkRefusals() - base.forkRefusals(),
              raw.oomKills() - base.oomKills());
      Map<Long, ProcStat> m = new HashMap<>();
      List<Long> pids = last ? new ArrayList<>() : new ArrayList<>(cgroup.procs());
      if (!last && !pids.contains(rootPid)) {
        pids.add(rootPid); // before the subshell has joined the group
      }
      for (long pid : pids) {
        monitor.proc().stat(pid).ifPresent(s -> m.put(pid, s));
      }
      members = m;
      cpuMicros = cu.cpuNanos() / 1000;
    } else {
      members = tracker.update(table != null ? table : ProcTable.read(monitor.proc()));
      cpuMicros = monitor.proc().ticksToMicros(tracker.cpuTicks());
    }
    long rss = 0, vm = 0, swap = 0;
    Map<Long, long[]> live = new HashMap<>();
    for (ProcStat p : members.values()) {
      ProcStatus st = monitor.proc().status(p.pid()).orElse(null);
      ProcIo io = monitor.proc().io(p.pid()).orElse(ProcIo.ZERO);
      long sw = st == null ? 0 : st.voluntarySwitches() + st.involuntarySwitches();
      if (st != null) {
        rss += st.vmRssKb() * 1024;
        vm += st.vmSizeKb() * 1024;
        swap += st.vmSwapKb() * 1024;
      }
      live.put(p.pid(), new long[] {p.startTime(), io.rchar(), io.wchar(), sw});
    }
    // Counters of processes that left are kept at their last values.
    for (Map.Entry<Long, long[]> e : seen.entrySet()) {
      long[] now2 = live.get(e.getKey());
      if (now2 == null || now2[0] != e.getValue()[0]) {
        departedRead += e.getValue()[1];
        departedWritten += e.getValue()[2];
        departedSwitches += e.getValue()[3];
      }
    }
    for (Map.Entry<Long, long[]> e : live.entrySet()) {
      long[] before = seen.get(e.getKey());
      if (before == null || before[0] != e.getValue()[0]) {
        totalProcesses++;
      }
    }
    seen.clear();
    seen.putAll(live);
    long read = departedRead;
    long written = departedWritten;
    long switches = departedSwitches;
    for (long[] v : live.values()) {
      read += v[1];
      written += v[2];
      switches += v[3];
    }
    long memory = cu == null ? rss : Math.max(rss, cu.memoryBytes());
    long disk = 0, files = 0;
    if (config.measureDir() != null) {
      long[] d = DiskMeter.measure(config.measureDir());
      disk = d[0];
      files = d[1];
    }
    long procs = members.values().stream().filter(p -> !p.zombie()).count();
    Sample s =
        acc.add(
            now,
            cpuMicros,
            procs,
            totalProcesses,
            memory,
            vm,
            cu == null ? swap : Math.max(swap, cu.swapBytes()),
            read,
            written,
            switches,
            disk,
            files);
    if (config.timeSeries()) {
      series.add(s);
    }
    checkLimits(now, cu);
  }

  private void checkLimits(long now, CgroupUsage cu) {
    Map<Resource, Double> over = config.limits().exceededBy(acc.usage(now));
    Map<Resource, Double> lim = config.limits().values();
    if (cu != null && cu.oomKills() > 0 && lim.containsKey(Resource.MEMORY)) {
      over.put(Resource.MEMORY, lim.get(Resource.MEMORY));
    }
    if (cu != null && cu.forkRefusals() > 0 && lim.containsKey(Resource.MAX_CONCURRENT_PROCESSES)) {
      over.put(Resource.MAX_CONCURRENT_PROCESSES, lim.get(Resource.MAX_CONCURRENT_PROCESSES));
    }
    if (!over.isEmpty()) {
      over.forEach(exceeded::putIfAbsent);
      kill();
    }
  }

  /**
   * Ends the measurement: a last sample, then any process the task left behind is killed and the
   * cgroup removed.
   *
   * @param status how the task's first process ended
   * @throws IllegalStateException if not attached, or finished already
   */
  public synchronized Summary finish(ExitStatus status) {
    if (state != State.ATTACHED) {
      throw new IllegalStateException("task " + name + " is " + state + ", cannot finish");
    }
    try {
      sample(null, true);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "last sample of task " + name + " failed", e);
    }
    state = State.FINISHED;
    monitor.detached(this);
    long end = monitor.micros();
    ExitType type =
        !exceeded.isEmpty()
            ? ExitType.LIMIT
            : status instanceof ExitStatus.Signaled ? ExitType.SIGNAL : ExitType.NORMAL;
    Summary summary =
        new Summary(
            config.command(),
            acc.startMicros(),
            end,
            type,
            status.shellStatus(),
            status instanceof ExitStatus.Signaled sig ? sig.signal() : 0,
            acc.usage(end),
            exceeded,
            acc.peakTimes(),
            Runtime.getRuntime().availableProcessors(),
            monitor.host());
    release();
    return summary;
  }

  /** The samples taken, when the config asked for a time series. */
  public synchronized List<Sample> series() {
    return List.copyOf(series);
  }

  /** Gives up a prepared task that could not be started: no summary, its cgroup released. */
  public void abandon() {
    release();
  }

  /**
   * Kills leftovers and removes the cgroup (unless it is a reused one, which stays for the next
   * task); used by finish and by abandoning a prepared task.
   */
  synchronized void release() {
    if (released) {
      return;
    }
    released = true;
    if (cgroup != null && !ownsGroup) {
      boolean leftovers = true;
      try {
        leftovers = !cgroup.killAll(20).isEmpty() || !members.isEmpty();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot list the processes of " + cgroup, e);
      }
      // With nothing left running, the counters stay as last read: the next task's baseline.
      monitor.settled(cgroup, leftovers ? null : lastRaw);
    } else {
      kill();
    }
    if (cgroup != null && ownsGroup) {
      try {
        cgroup.remove();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, e.getMessage(), e);
      }
    }
    state = State.FINISHED;
    monitor.detached(this);
  }
}

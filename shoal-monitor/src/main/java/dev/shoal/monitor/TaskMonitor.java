package dev.shoal.monitor;

import dev.shoal.monitor.cgroup.CgroupUsage;
import dev.shoal.monitor.cgroup.Cgroups;
import dev.shoal.monitor.cgroup.TaskCgroup;
import dev.shoal.monitor.proc.ProcFs;
import dev.shoal.monitor.proc.ProcStat;
import dev.shoal.monitor.proc.ProcTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Measures many tasks' process trees in this process: no helper process or JVM per task. One daemon
 * thread samples every attached task at each interval; with cgroups a task costs a few file reads
 * per sample, without them one shared scan of /proc serves all tasks of a tick.
 *
 * <p>Use: {@link #prepare} a task (creates its cgroup and applies kernel backstops for the memory
 * and process limits), have its shell run {@link MonitoredTask#joinSnippet()} before the command,
 * {@link MonitoredTask#attach} its pid, and {@link MonitoredTask#finish} it with its exit status.
 *
 * <p>Threading: every public method is thread-safe. Summaries are built on the caller's thread.
 * {@link #close()} stops sampling and releases tasks not yet finished (kills their trees).
 */
public final class TaskMonitor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TaskMonitor.class.getName());

  /**
   * How the monitor samples.
   *
   * @param interval time between samples (1 s by default; 50 ms is fine for a few tasks)
   * @param cgroups the hierarchy for task groups ({@link Cgroups#detect()})
   * @param proc the /proc to read
   * @param micros the clock, Unix microseconds
   * @param autoSample whether a thread samples at {@code interval}; tests drive {@link
   *     #sampleNow()} themselves with a fake clock
   */
  public record Options(
      Duration interval, Cgroups cgroups, ProcFs proc, LongSupplier micros, boolean autoSample) {
    /** The live system: detected cgroups, /proc, the system clock. */
    public static Options system(Duration interval) {
      return new Options(
          interval,
          Cgroups.detect(),
          ProcFs.system(),
          () -> {
            java.time.Instant t = java.time.Instant.now();
            return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
          },
          true);
    }
  }

  private final Options options;
  private final Map<String, MonitoredTask> tasks = new ConcurrentHashMap<>();

  private record Tag(long startTime, String task) {}

  private final Map<Long, Tag> tags = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sampler;
  private final long bootMicros;
  private final String host;

  private TaskMonitor(Options options) {
    if (options.interval().toMillis() < 10) {
      throw new IllegalArgumentException(
          "sampling interval " + options.interval() + " is too short: use 10 ms or more");
    }
    this.options = options;
    this.bootMicros = options.proc().bootTimeSeconds() * 1_000_000L;
    this.host = hostName();
    if (options.autoSample()) {
      sampler =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("shoal-monitor").unstarted(r));
      long us = options.interval().toNanos() / 1000;
      sampler.scheduleAtFixedRate(this::sampleNow, us, us, TimeUnit.MICROSECONDS);
    } else {
      sampler = null;
    }
  }

  /** Starts a monitor; with {@code autoSample}, its sampling thread. */
  public static TaskMonitor start(Options options) {
    return new TaskMonitor(options);
  }

  /** How this monitor follows trees: the cgroup hierarchy or /proc only. */
  public Cgroups cgroups() {
    return options.cgroups();
  }

  /**
   * Prepares the task {@code name}: creates its cgroup (when a hierarchy is writable) with the
   * kernel limits matching {@code config}'s memory and process limits.
   *
   * @param name unique among this monitor's tasks; used as the cgroup's directory name
   * @throws IOException if the cgroup cannot be created
   * @throws IllegalArgumentException if a task of that name is being monitored
   */
  public MonitoredTask prepare(String name, TaskConfig config) throws IOException {
    checkName(name);
    TaskCgroup group = null;
    if (!(options.cgroups() instanceof Cgroups.None)) {
      group = options.cgroups().create(name);
      try {
        applyLimits(group, config, false);
      } catch (IOException e) {
        try {
          group.remove();
        } catch (IOException inner) {
          e.addSuppressed(inner);
        }
        throw e;
      }
    }
    return register(new MonitoredTask(this, name, config, group, true));
  }

  /**
   * A cgroup that tasks run in one after another ({@link #prepare(String, TaskConfig,
   * TaskCgroup)}): creating and removing a group per task costs more than many short tasks do. Null
   * when no hierarchy is writable. Remove it with {@link #removeGroup} when done.
   *
   * @throws IOException if the cgroup cannot be created
   */
  public TaskCgroup group(String name) throws IOException {
    checkName(name);
    return options.cgroups() instanceof Cgroups.None ? null : options.cgroups().create(name);
  }

  /**
   * Removes the task groups of processes that died without removing them ({@code <prefix><pid>-…}),
   * killing what is left in them; returns how many were removed.
   */
  public int sweepStale(String prefix) throws IOException {
    return dev.shoal.monitor.cgroup.StaleGroups.sweep(
            options.cgroups(),
            prefix,
            pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .size();
  }

  /** Removes a group made by {@link #group}; its processes must be gone. */
  public void removeGroup(TaskCgroup group) throws IOException {
    if (group != null) {
      settled.remove(key(group));
      settled.remove(key(group.lean()));
      limited.remove(group.name());
      group.killAll(20);
      group.remove();
    }
  }

  /**
   * Prepares the task {@code name} to run in {@code group}, a group of {@link #group} that no other
   * task uses now ({@code null}: followed through /proc). The kernel's counters are taken as a
   * baseline, so the task is charged only what it uses; at the end its leftovers are killed and the
   * group stays for the next task.
   *
   * @throws IOException if the group's limits cannot be set
   */
  public MonitoredTask prepare(String name, TaskConfig config, TaskCgroup group)
      throws IOException {
    checkName(name);
    TaskCgroup view = group;
    if (group != null) {
      boolean wants =
          config.limits().values().containsKey(Resource.MEMORY)
              || config.limits().values().containsKey(Resource.MAX_CONCURRENT_PROCESSES);
      if (wants || limited.contains(group.name())) {
        applyLimits(group, config, true);
      }
      if (wants) {
        limited.add(group.name());
      } else {
        limited.remove(group.name());
        view = group.lean();
      }
    }
    return register(new MonitoredTask(this, name, config, view, false));
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
      throw new IllegalArgumentException("task name '" + name + "' cannot name a directory");
    }
  }

  /** The kernel limits matching {@code config}'s memory and process limits, as a backstop. */
  private static void applyLimits(TaskCgroup group, TaskConfig config, boolean reused)
      throws IOException {
    Double mem = config.limits().values().get(Resource.MEMORY);
    Double procs = config.limits().values().get(Resource.MAX_CONCURRENT_PROCESSES);
    if (reused) {
      group.clearLimits();
    }
    if (mem != null) {
      // A backstop above the monitor's own limit: the monitor usually kills first.
      group.limitMemory((long) (mem * 1.25 * 1024 * 1024) + (16L << 20));
    }
    if (procs != null) {
      group.limitTasks(procs.longValue() + 1);
    }
  }

  /** Counters of reused groups whose last task left nothing running, by group. */
  private final Map<String, CgroupUsage> settled = new ConcurrentHashMap<>();

  /** Groups of {@link #group} that carry kernel limits from their last task. */
  private final Set<String> limited = ConcurrentHashMap.newKeySet();

  /** The key of a group view: lean views read fewer counters, so their baselines differ. */
  private static String key(TaskCgroup group) {
    return group.name() + (group.lean() == group ? "" : ":full");
  }

  void settled(TaskCgroup group, CgroupUsage counters) {
    if (counters == null) {
      settled.remove(key(group));
    } else {
      settled.put(key(group), counters);
    }
  }

  /** The counters of {@code group} as its last task left them, or null if unknown. */
  CgroupUsage settledCounters(TaskCgroup group) {
    return settled.remove(key(group));
  }

  private MonitoredTask register(MonitoredTask t) throws IOException {
    if (tasks.putIfAbsent(t.name(), t) != null) {
      t.release();
      throw new IllegalArgumentException(
          "a task named " + t.name() + " is being monitored already");
    }
    t.takeBaseline();
    return t;
  }

  /**
   * Samples every attached task now. Called by the sampling thread; tests call it directly. An
   * error in one task's sample is logged and does not stop the others.
   */
  public void sampleNow() {
    try {
      ProcTable table = null;
      for (MonitoredTask t : tasks.values()) {
        if (t.followedByProc() && table == null) {
          table = ProcTable.read(options.proc());
          ProcTable now = table;
          tags.keySet().removeIf(pid -> now.get(pid) == null);
        }
      }
      for (MonitoredTask t : tasks.values()) {
        try {
          t.sample(table);
        } catch (IOException | RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "sampling task " + t.name() + " failed", e);
        }
      }
    } catch (RuntimeException e) {
      // The scheduler would silently stop sampling on an exception: log and go on.
      LOG.log(System.Logger.Level.ERROR, "sampling failed", e);
    }
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    for (MonitoredTask t : tasks.values()) {
      t.release();
    }
  }

  long micros() {
    return options.micros().getAsLong();
  }

  long intervalMicros() {
    return options.interval().toNanos() / 1000;
  }

  ProcFs proc() {
    return options.proc();
  }

  String host() {
    return host;
  }

  long ticksSinceBoot(long micros) {
    return (micros - bootMicros) * options.proc().ticksPerSecond() / 1_000_000L;
  }

  void attached(MonitoredTask t) {
    // Tasks are registered at prepare; nothing more to do until the sampler sees them attached.
  }

  void detached(MonitoredTask t) {
    tasks.remove(t.name(), t);
  }

  /** Matches processes carrying {@code name}'s tag; environments are read once per process. */
  ToLongFunction<ProcStat> tagMatcher(String name) {
    return p -> name.equals(tagOf(p)) ? 1 : 0;
  }

  private String tagOf(ProcStat p) {
    Tag c = tags.get(p.pid());
    if (c == null || c.startTime() != p.startTime()) {
      Optional<String> tag = options.proc().environmentValue(p.pid(), MonitoredTask.TAG);
      c = new Tag(p.startTime(), tag.orElse(""));
      tags.put(p.pid(), c);
    }
    return c.task();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}

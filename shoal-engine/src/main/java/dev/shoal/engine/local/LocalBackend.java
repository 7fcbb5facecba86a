package dev.shoal.engine.local;

import dev.shoal.engine.spi.Backend;
import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.engine.spi.MeasuredPeaks;
import dev.shoal.engine.spi.SummaryFiles;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.Resources;
import dev.shoal.monitor.ExitStatus;
import dev.shoal.monitor.MonitoredTask;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.TaskConfig;
import dev.shoal.monitor.TaskMonitor;
import dev.shoal.monitor.cgroup.TaskCgroup;
import dev.shoal.monitor.exec.ProcessTrees;
import dev.shoal.monitor.exec.Shell;
import dev.shoal.monitor.exec.ShellPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Runs each task as a shell command on this machine, in the workflow directory or, with a sandbox,
 * in a directory of its own holding links to its declared inputs.
 *
 * <p>Tasks run in a pool of long-lived shells ({@link ShellPool}): starting one costs a fork, not a
 * process launch from the JVM. Every task is measured by one in-process {@link TaskMonitor} (its
 * own cgroup where the machine allows, joined by the task's subshell before the command) with its
 * allocation's memory, disk and wall time as limits; the measured peaks come back with each result,
 * and summaries are written when {@link Monitoring#summaryDir()} is set. Task output goes to this
 * process's standard output and error, as with makeflow. Events are posted from the shells' reader
 * threads. Cancelling stops the task's whole process tree.
 */
public final class LocalBackend implements Backend {
  private static final long PID = ProcessHandle.current().pid();

  private final EventSink sink;
  private final boolean sandbox;
  private final LongSupplier micros;
  private final Monitoring monitoring;
  private final ShellPool pool;
  private final TaskMonitor monitor;
  private final Map<TaskId, Running> running = new ConcurrentHashMap<>();
  private final Map<Shell, Optional<TaskCgroup>> groups = new ConcurrentHashMap<>();
  private final SummaryFiles summaries;
  private final AtomicInteger groupCount = new AtomicInteger();
  private volatile boolean closed;

  /** A task in a shell: its process id once known, whether it was asked to stop. */
  private static final class Running {
    final TaskSpec task;
    final Shell shell;
    final Sandbox box;
    final MonitoredTask measured;
    final long start;
    volatile long pid;
    volatile boolean cancelled;

    Running(TaskSpec task, Shell shell, Sandbox box, MonitoredTask measured, long start) {
      this.task = task;
      this.shell = shell;
      this.box = box;
      this.measured = measured;
      this.start = start;
    }
  }

  /**
   * @param sink where events go
   * @param sandbox run each task in its own directory with only its inputs
   * @param micros the clock, Unix microseconds
   * @param monitoring how tasks are measured and where summaries go
   */
  public LocalBackend(EventSink sink, boolean sandbox, LongSupplier micros, Monitoring monitoring) {
    this.sink = sink;
    this.sandbox = sandbox;
    this.micros = micros;
    this.monitoring = monitoring;
    try {
      this.pool = new ShellPool();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of the task shells", e);
    }
    this.monitor = TaskMonitor.start(TaskMonitor.Options.system(monitoring.interval()));
    this.summaries = monitoring.summaryFiles();
    try {
      // Groups of engines killed before they could remove them (kill -9).
      monitor.sweepStale("shoal-");
    } catch (IOException e) {
      System.getLogger(LocalBackend.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "cannot remove stale task cgroups: " + e.getMessage(),
              e);
    }
  }

  /** A local back end measuring each second and writing no summaries. */
  public LocalBackend(EventSink sink, boolean sandbox, LongSupplier micros) {
    this(sink, sandbox, micros, Monitoring.DEFAULT);
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Set<Feature> features() {
    return sandbox
        ? EnumSet.of(Feature.REMOTE_RENAME, Feature.SANDBOX)
        : EnumSet.noneOf(Feature.class);
  }

  @Override
  public void submit(TaskSpec task) {
    long start = micros.getAsLong();
    Sandbox box = null;
    MonitoredTask measured = null;
    try {
      box = sandbox ? Sandbox.create(task) : null;
      Shell shell = pool.acquire();
      measured =
          monitor.prepare(
              "shoal-" + PID + "-" + task.id(),
              new TaskConfig(
                  task.command(),
                  TaskLimits.of(task.allocation(), box != null),
                  box != null ? box.dir() : null,
                  monitoring.timeSeries() && monitoring.summaryDir() != null),
              groupOf(shell));
      Running r = new Running(task, shell, box, measured, start);
      running.put(task.id(), r);
      shell.run(
          task.command(),
          box != null ? box.dir() : task.workDir(),
          task.environment(),
          measured.joinSnippet(),
          pid -> started(r, pid),
          status -> ended(r, status));
    } catch (IOException | RuntimeException e) {
      running.remove(task.id());
      if (measured != null) {
        measured.abandon();
      }
      if (box != null) {
        box.discard();
      }
      long now = micros.getAsLong();
      sink.post(
          new BackendEvent.Finished(
              task.id(),
              new TaskResult(
                  TaskResult.Outcome.BACKEND_ERROR,
                  -1,
                  0,
                  start,
                  now,
                  Resources.NONE,
                  "cannot start the task: " + e.getMessage())));
    }
  }

  /** The cgroup the tasks of {@code shell} run in, one after another; made on first use. */
  private TaskCgroup groupOf(Shell shell) throws IOException {
    Optional<TaskCgroup> known = groups.get(shell);
    if (known != null) {
      return known.orElse(null);
    }
    TaskCgroup g = monitor.group("shoal-" + PID + "-shell-" + groupCount.incrementAndGet());
    groups.put(shell, Optional.ofNullable(g));
    return g;
  }

  private void started(Running r, long pid) {
    r.pid = pid;
    r.measured.attach(pid);
    sink.post(new BackendEvent.Started(r.task.id(), Long.toString(pid)));
    if (r.cancelled || closed) {
      stop(r);
    }
  }

  private void ended(Running r, int status) {
    running.remove(r.task.id());
    // Finish the measurement (which kills leftovers in the shell's cgroup) before the shell, and
    // so its cgroup, can take the next task.
    Summary summary =
        r.measured.finish(status < 0 ? new ExitStatus.Exited(-1) : ExitStatus.fromShell(status));
    pool.release(r.shell);
    if (summaries.enabled()) {
      // Written off the path from a task's end to the next task's start; close() waits for them.
      summaries.write(
          r.task.ruleId(), summary, monitoring.timeSeries() ? r.measured.series() : null);
    }
    long end = micros.getAsLong();
    Resources peak = MeasuredPeaks.of(summary);
    TaskResult result;
    if (r.cancelled || closed) {
      result =
          new TaskResult(TaskResult.Outcome.CANCELLED, status, 0, r.start, end, peak, "cancelled");
    } else if (status < 0) {
      result =
          new TaskResult(
              TaskResult.Outcome.BACKEND_ERROR,
              -1,
              0,
              r.start,
              end,
              peak,
              "the shell running the task died");
    } else if (!summary.limitsExceeded().isEmpty()) {
      result =
          new TaskResult(
              TaskResult.Outcome.RESOURCE_EXHAUSTED,
              status,
              summary.signal(),
              r.start,
              end,
              peak,
              TaskLimits.describe(summary, r.task.allocation()));
    } else {
      String problem = r.box != null ? r.box.finish(status == 0) : null;
      result =
          problem == null
              ? new TaskResult(TaskResult.Outcome.EXITED, status, 0, r.start, end, peak, null)
              : new TaskResult(
                  TaskResult.Outcome.BACKEND_ERROR, status, 0, r.start, end, peak, problem);
    }
    if (r.box != null) {
      r.box.discard();
    }
    sink.post(new BackendEvent.Finished(r.task.id(), result));
  }

  private static void stop(Running r) {
    r.measured.kill();
    if (r.pid > 0) {
      ProcessHandle.of(r.pid).ifPresent(ProcessTrees::stop);
    }
  }

  @Override
  public void cancel(TaskId task) {
    Running r = running.get(task);
    if (r != null) {
      r.cancelled = true;
      if (r.pid > 0) {
        stop(r);
      }
    }
  }

  /** Stops a task left running by an earlier run of the engine, named by its pid. */
  @Override
  public void removeStale(String jobId, String command) {
    ProcessTrees.stopStale(jobId, command);
  }

  @Override
  public void close() {
    closed = true;
    for (Running r : running.values()) {
      r.cancelled = true;
      if (r.pid > 0) {
        stop(r);
      }
    }
    pool.close();
    for (Optional<TaskCgroup> g : groups.values()) {
      try {
        monitor.removeGroup(g.orElse(null));
      } catch (IOException e) {
        System.getLogger(LocalBackend.class.getName())
            .log(System.Logger.Level.WARNING, "cannot remove a task cgroup: " + e.getMessage(), e);
      }
    }
    groups.clear();
    monitor.close();
    summaries.close();
  }
}

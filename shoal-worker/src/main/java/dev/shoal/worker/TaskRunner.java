package dev.shoal.worker;

import dev.shoal.monitor.ExitStatus;
import dev.shoal.monitor.MonitoredTask;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.SummaryJson;
import dev.shoal.monitor.TaskMonitor;
import dev.shoal.monitor.cgroup.TaskCgroup;
import dev.shoal.monitor.exec.ProcessTrees;
import dev.shoal.monitor.exec.Shell;
import dev.shoal.monitor.exec.ShellPool;
import dev.shoal.wire.Payload;
import dev.shoal.wire.TaskId;
import dev.shoal.wire.TaskSpec;
import dev.shoal.wire.TaskStatus;
import dev.shoal.wire.WorkerMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * Runs the tasks a manager sends, several at once as resources allow: a task starts when the
 * allocations of the running tasks plus its own fit in the worker's totals, in arrival order among
 * those that fit. Each task runs in its own {@link TaskSandbox}, in a shell of a {@link ShellPool},
 * measured by the {@link TaskMonitor} with its allocation as limits. Finished tasks wait as {@code
 * result} messages until the manager asks for them.
 *
 * <p>Threading: {@link #submit}, {@link #kill}, {@link #takeResults} are called by the session
 * thread; task ends arrive on the shells' reader threads. All state is guarded by this object's
 * lock; the {@link Listener} is called without it.
 */
final class TaskRunner implements AutoCloseable {
  /** Told when a result is ready to be fetched. Called on a task thread. */
  interface Listener {
    void resultReady();
  }

  /** Longest task output kept for the {@code result} message; the rest is cut. */
  static final int MAX_STDOUT = 16 << 20;

  private static final long PID = ProcessHandle.current().pid();

  private final Path root;
  private final Cache cache;
  private final Amounts total;
  private final TaskMonitor monitor;
  private final ShellPool pool;
  private final LongSupplier micros;
  private final Log log;
  private final ExecutorService killer =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("shoal-kill").unstarted(r));
  private final Map<Shell, Optional<TaskCgroup>> groups = new IdentityHashMap<>();
  private final Deque<Job> waiting = new ArrayDeque<>();
  private final Map<TaskId, Job> running = new HashMap<>();
  private final Map<TaskId, Job> done = new LinkedHashMap<>();
  private final Deque<WorkerMessage.Result> results = new ArrayDeque<>();
  private Amounts allocated = Amounts.ZERO;
  private Listener listener = () -> {};
  private long serial;

  TaskRunner(
      Path root,
      Cache cache,
      Amounts total,
      TaskMonitor monitor,
      ShellPool pool,
      LongSupplier micros,
      Log log) {
    this.root = root;
    this.cache = cache;
    this.total = total;
    this.monitor = monitor;
    this.pool = pool;
    this.micros = micros;
    this.log = log;
  }

  synchronized void listener(Listener l) {
    this.listener = l;
  }

  /** How a task sent by the manager was taken. */
  enum Admission {
    /** Queued or started; a result will follow. */
    ACCEPTED,
    /** Can never fit this worker: a FORSAKEN result is queued; send a resource update first. */
    FORSAKEN,
    /** Refused (unsafe names): an INPUT_MISSING result is queued. */
    REFUSED
  }

  Admission submit(TaskSpec spec) {
    String problem = TaskSandbox.problem(spec);
    synchronized (this) {
      if (problem != null) {
        log.warn("task " + spec.id() + " refused: " + problem);
        results.add(
            result(
                spec.id(),
                TaskStatus.INPUT_MISSING,
                0,
                0,
                "shoal-worker: refused: " + problem + "\n"));
        return Admission.REFUSED;
      }
      Amounts want = Amounts.requestedBy(spec, total);
      if (!want.within(total)) {
        log.info(
            "task "
                + spec.id()
                + " needs "
                + want
                + " but this worker has "
                + total
                + ": forsaken");
        results.add(result(spec.id(), TaskStatus.FORSAKEN, 0, 0, ""));
        return Admission.FORSAKEN;
      }
      waiting.add(new Job(spec, want, ++serial));
    }
    schedule();
    return Admission.ACCEPTED;
  }

  /** Starts waiting tasks that fit now. */
  private void schedule() {
    List<Job> start = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Job> it = waiting.iterator(); it.hasNext(); ) {
        Job j = it.next();
        if (j.want.fitsNow(allocated, total)) {
          it.remove();
          allocated = allocated.plus(j.want);
          running.put(j.spec.id(), j);
          start.add(j);
        }
      }
    }
    for (Job j : start) {
      start(j);
    }
  }

  private void start(Job j) {
    j.start = micros.getAsLong();
    try {
      j.box = TaskSandbox.create(root.resolve("t." + j.spec.id()), j.spec, cache);
      j.shell = pool.acquire();
      TaskSetup.WallLimit wall = TaskSetup.WallLimit.of(j.spec, j.start);
      j.deadlineBinding = wall.fromEndTime();
      j.measured =
          monitor.prepare(
              "shoal-w" + PID + "-" + j.serial,
              TaskSetup.config(j.spec, j.want, wall, j.box.dir()),
              groupOf(j.shell));
      j.stdout = root.resolve("t." + j.spec.id() + ".out");
      String prelude =
          j.measured.joinSnippet() + "exec >" + Shell.quote(j.stdout.toString()) + " 2>&1; ";
      j.shell.run(
          j.spec.command(),
          j.box.dir(),
          TaskSetup.environment(j.spec, j.want, j.box.dir(), log),
          prelude,
          pid -> started(j, pid),
          status -> ended(j, status));
    } catch (IOException | RuntimeException e) {
      boolean missing = e instanceof TaskSandbox.MissingInput;
      log.warn("task " + j.spec.id() + " could not start: " + e.getMessage());
      if (j.measured != null) {
        j.measured.abandon();
      }
      if (j.shell != null) {
        pool.release(j.shell);
      }
      TaskStatus status = missing ? TaskStatus.INPUT_MISSING : TaskStatus.FORSAKEN;
      complete(j, result(j.spec.id(), status, 0, 0, "shoal-worker: " + e.getMessage() + "\n"));
    }
  }

  private synchronized TaskCgroup groupOf(Shell shell) throws IOException {
    Optional<TaskCgroup> g = groups.get(shell);
    if (g == null) {
      g = Optional.ofNullable(monitor.group("shoal-w" + PID + "-shell-" + groups.size()));
      groups.put(shell, g);
    }
    return g.orElse(null);
  }

  private void started(Job j, long pid) {
    j.pid = pid;
    j.measured.attach(pid);
    if (j.killed) {
      stop(j);
    }
  }

  private void ended(Job j, int status) {
    Summary summary =
        j.measured.finish(status < 0 ? new ExitStatus.Exited(-1) : ExitStatus.fromShell(status));
    pool.release(j.shell);
    if (j.killed) {
      complete(j, null);
      return;
    }
    Finished f = Finished.of(status, summary, j.deadlineBinding);
    try {
      if (j.box.wantsUsage()) {
        Files.writeString(j.box.path(TaskSandbox.USAGE_FILE), SummaryJson.write(summary, true));
      }
      j.box.moveOutputs(cache);
    } catch (IOException e) {
      log.warn(
          "task " + j.spec.id() + ": cannot move its outputs into the cache: " + e.getMessage());
    }
    byte[] out = readOutput(j.stdout, f.note());
    long usec = Math.max(0, micros.getAsLong() - j.start);
    complete(
        j, new WorkerMessage.Result(f.status(), f.exitCode(), usec, j.spec.id(), Payload.of(out)));
  }

  /** Frees the task's allocation, records its result (none if killed), starts what now fits. */
  private void complete(Job j, WorkerMessage.Result result) {
    Listener l;
    synchronized (this) {
      running.remove(j.spec.id(), j);
      if (!j.freed) {
        j.freed = true;
        allocated = allocated.minus(j.want);
      }
      if (result != null && !j.killed) {
        done.put(j.spec.id(), j);
        results.add(result);
      } else {
        discard(j);
      }
      l = result != null && !j.killed ? listener : null;
    }
    if (l != null) {
      l.resultReady();
    }
    schedule();
  }

  private static byte[] readOutput(Path stdout, String note) {
    byte[] bytes;
    try {
      long size = Files.size(stdout);
      try (var in = Files.newInputStream(stdout)) {
        bytes = in.readNBytes((int) Math.min(size, MAX_STDOUT));
      }
      if (size > MAX_STDOUT) {
        note =
            (note == null ? "" : note + " ")
                + "output cut at "
                + MAX_STDOUT
                + " of "
                + size
                + " bytes";
      }
      Files.deleteIfExists(stdout);
    } catch (IOException e) {
      bytes = new byte[0];
    }
    if (note == null) {
      return bytes;
    }
    byte[] n = ("\nshoal-worker: " + note + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bytes.length + n.length];
    System.arraycopy(bytes, 0, all, 0, bytes.length);
    System.arraycopy(n, 0, all, bytes.length, n.length);
    return all;
  }

  /** Up to {@code max} results ({@code -1}: all), oldest first. */
  synchronized List<WorkerMessage.Result> takeResults(int max) {
    List<WorkerMessage.Result> out = new ArrayList<>();
    while (!results.isEmpty() && (max < 0 || out.size() < max)) {
      out.add(results.poll());
    }
    return out;
  }

  synchronized boolean hasResults() {
    return !results.isEmpty();
  }

  /** Tasks held: waiting or running. */
  synchronized int active() {
    return waiting.size() + running.size();
  }

  /**
   * {@code kill <id>}: a running task's tree is killed (no result is sent), a waiting one dropped,
   * a finished one's sandbox deleted (the manager has its outputs).
   */
  void kill(TaskId id) {
    Job stop = null;
    synchronized (this) {
      waiting.removeIf(j -> j.spec.id().equals(id));
      Job r = running.get(id);
      if (r != null) {
        r.killed = true;
        stop = r;
      }
      Job d = done.remove(id);
      if (d != null) {
        results.removeIf(x -> x.id().equals(id));
        discard(d);
      }
    }
    if (stop != null && stop.pid > 0) {
      stop(stop);
    }
  }

  /** {@code kill -1}, or the manager went away: every task is dropped. */
  void killAll() {
    List<TaskId> ids;
    synchronized (this) {
      ids = new ArrayList<>(running.keySet());
      ids.addAll(done.keySet());
      waiting.clear();
    }
    for (TaskId id : ids) {
      kill(id);
    }
  }

  private void stop(Job j) {
    killer.execute(
        () -> {
          j.measured.kill();
          ProcessHandle.of(j.pid).ifPresent(ProcessTrees::stop);
        });
  }

  private void discard(Job j) {
    try {
      if (j.box != null) {
        j.box.delete();
      }
      if (j.stdout != null) {
        Files.deleteIfExists(j.stdout);
      }
    } catch (IOException e) {
      log.warn("cannot remove the sandbox of task " + j.spec.id() + ": " + e.getMessage());
    }
  }

  private static WorkerMessage.Result result(
      TaskId id, TaskStatus s, int exit, long usec, String out) {
    return new WorkerMessage.Result(s, exit, usec, id, Payload.utf8(out));
  }

  @Override
  public void close() {
    killAll();
    killer.shutdown();
    synchronized (this) {
      for (Optional<TaskCgroup> g : groups.values()) {
        try {
          monitor.removeGroup(g.orElse(null));
        } catch (IOException e) {
          log.warn("cannot remove a task cgroup: " + e.getMessage());
        }
      }
      groups.clear();
    }
  }

  /** One task on this worker. Fields set by the thread that starts or ends it. */
  private static final class Job {
    final TaskSpec spec;
    final Amounts want;
    final long serial;
    volatile TaskSandbox box;
    volatile Shell shell;
    volatile MonitoredTask measured;
    volatile Path stdout;
    volatile long start;
    volatile long pid;
    volatile boolean killed;
    volatile boolean deadlineBinding;
    boolean freed; // guarded by the runner's lock

    Job(TaskSpec spec, Amounts want, long serial) {
      this.spec = spec;
      this.want = want;
      this.serial = serial;
    }
  }
}

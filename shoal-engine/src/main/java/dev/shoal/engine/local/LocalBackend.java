package dev.shoal.engine.local;

import dev.shoal.engine.spi.Backend;
import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Runs each task as a shell command on this machine, in the workflow directory or, with a sandbox,
 * in a directory of its own holding links to its declared inputs.
 *
 * <p>Tasks run in a pool of long-lived shells ({@link ShellPool}): starting one costs a fork, not a
 * process launch from the JVM. Task output goes to this process's standard output and error, as
 * with makeflow. Events are posted from the shells' reader threads. Cancelling stops the task's
 * whole process tree (SIGTERM, then SIGKILL).
 */
public final class LocalBackend implements Backend {
  private final EventSink sink;
  private final boolean sandbox;
  private final LongSupplier micros;
  private final ShellPool pool;
  private final Map<TaskId, Running> running = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A task in a shell: its process id once known, whether it was asked to stop. */
  private static final class Running {
    final TaskSpec task;
    final Shell shell;
    final Sandbox box;
    final long start;
    volatile long pid;
    volatile boolean cancelled;

    Running(TaskSpec task, Shell shell, Sandbox box, long start) {
      this.task = task;
      this.shell = shell;
      this.box = box;
      this.start = start;
    }
  }

  /**
   * @param sink where events go
   * @param sandbox run each task in its own directory with only its inputs
   * @param micros the clock, Unix microseconds
   */
  public LocalBackend(EventSink sink, boolean sandbox, LongSupplier micros) {
    this.sink = sink;
    this.sandbox = sandbox;
    this.micros = micros;
    try {
      this.pool = new ShellPool();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of the task shells", e);
    }
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
    try {
      box = sandbox ? Sandbox.create(task) : null;
      Shell shell = pool.acquire();
      Running r = new Running(task, shell, box, start);
      running.put(task.id(), r);
      shell.run(
          task.command(),
          box != null ? box.dir() : task.workDir(),
          task.environment(),
          pid -> started(r, pid),
          status -> ended(r, status));
    } catch (IOException | RuntimeException e) {
      running.remove(task.id());
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

  private void started(Running r, long pid) {
    r.pid = pid;
    sink.post(new BackendEvent.Started(r.task.id(), Long.toString(pid)));
    if (r.cancelled || closed) {
      ProcessHandle.of(pid).ifPresent(ProcessTrees::stop);
    }
  }

  private void ended(Running r, int status) {
    running.remove(r.task.id());
    pool.release(r.shell);
    long end = micros.getAsLong();
    TaskResult result;
    if (r.cancelled || closed) {
      result =
          new TaskResult(
              TaskResult.Outcome.CANCELLED, status, 0, r.start, end, Resources.NONE, "cancelled");
    } else if (status < 0) {
      result =
          new TaskResult(
              TaskResult.Outcome.BACKEND_ERROR,
              -1,
              0,
              r.start,
              end,
              Resources.NONE,
              "the shell running the task died");
    } else {
      String problem = r.box != null ? r.box.finish(status == 0) : null;
      result =
          problem == null
              ? new TaskResult(
                  TaskResult.Outcome.EXITED, status, 0, r.start, end, Resources.NONE, null)
              : new TaskResult(
                  TaskResult.Outcome.BACKEND_ERROR,
                  status,
                  0,
                  r.start,
                  end,
                  Resources.NONE,
                  problem);
    }
    if (r.box != null) {
      r.box.discard();
    }
    sink.post(new BackendEvent.Finished(r.task.id(), result));
  }

  @Override
  public void cancel(TaskId task) {
    Running r = running.get(task);
    if (r != null) {
      r.cancelled = true;
      if (r.pid > 0) {
        ProcessHandle.of(r.pid).ifPresent(ProcessTrees::stop);
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
        ProcessHandle.of(r.pid).ifPresent(ProcessTrees::stop);
      }
    }
    pool.close();
  }
}

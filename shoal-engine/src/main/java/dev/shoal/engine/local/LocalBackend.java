package dev.shoal.engine.local;

import dev.shoal.engine.spi.Backend;
import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.Resources;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Runs each task as {@code /bin/sh -c COMMAND} on this machine, in the workflow directory or, with
 * a sandbox, in a directory of its own holding links to its declared inputs.
 *
 * <p>Task output goes to this process's standard output and error, as with makeflow. Completion is
 * observed through {@link Process#onExit()} (the JDK's reaper thread), which posts to the sink; no
 * thread per task. Cancelling stops the whole process tree (SIGTERM, then SIGKILL).
 */
public final class LocalBackend implements Backend {
  private final EventSink sink;
  private final boolean sandbox;
  private final LongSupplier micros;
  private final Map<TaskId, Process> processes = new ConcurrentHashMap<>();
  private final Set<TaskId> cancelled = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param sink where events go
   * @param sandbox run each task in its own directory with only its inputs
   * @param micros the clock, Unix microseconds
   */
  public LocalBackend(EventSink sink, boolean sandbox, LongSupplier micros) {
    this.sink = sink;
    this.sandbox = sandbox;
    this.micros = micros;
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
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", task.command()));
      if (sandbox) {
        box = Sandbox.create(task);
        pb.directory(box.dir().toFile());
      } else {
        pb.directory(task.workDir().toFile());
      }
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      if (!task.environment().isEmpty()) {
        pb.environment().putAll(task.environment());
      }
      p = pb.start();
    } catch (IOException | RuntimeException e) {
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
                  "cannot start /bin/sh: " + e.getMessage())));
      return;
    }
    processes.put(task.id(), p);
    sink.post(new BackendEvent.Started(task.id(), Long.toString(p.pid())));
    Sandbox finalBox = box;
    p.onExit().thenRun(() -> finished(task, p, start, finalBox));
  }

  private void finished(TaskSpec task, Process p, long start, Sandbox box) {
    processes.remove(task.id());
    int code = p.exitValue();
    long end = micros.getAsLong();
    TaskResult result;
    if (cancelled.remove(task.id()) || closed) {
      result =
          new TaskResult(
              TaskResult.Outcome.CANCELLED, code, 0, start, end, Resources.NONE, "cancelled");
    } else {
      String problem = null;
      if (box != null) {
        problem = box.finish(code == 0);
      }
      result =
          problem == null
              ? new TaskResult(TaskResult.Outcome.EXITED, code, 0, start, end, Resources.NONE, null)
              : new TaskResult(
                  TaskResult.Outcome.BACKEND_ERROR, code, 0, start, end, Resources.NONE, problem);
    }
    if (box != null) {
      box.discard();
    }
    sink.post(new BackendEvent.Finished(task.id(), result));
  }

  @Override
  public void cancel(TaskId task) {
    Process p = processes.get(task);
    if (p != null) {
      cancelled.add(task);
      ProcessTrees.stop(p.toHandle());
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
    for (Process p : processes.values()) {
      ProcessTrees.stop(p.toHandle());
    }
  }
}

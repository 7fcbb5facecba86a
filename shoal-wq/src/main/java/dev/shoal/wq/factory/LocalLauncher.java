package dev.shoal.wq.factory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs workers as processes on this machine ({@code -T local}). Each worker starts in a session and
 * process group of its own (through {@code setsid} when it is installed), so a Ctrl-C at the
 * terminal reaches the factory only and the factory decides what to stop. Its standard output and
 * error go to {@code worker-N.log} in the scratch directory. Each worker gets {@code
 * --parent-death} (cctools' and Shoal's workers both know it) after its program name, so that
 * workers do not outlive a factory killed with SIGKILL: their parent is the factory's JVM.
 *
 * <p>Thread-safe: every method holds the launcher's lock; {@link #close} stops every worker tree
 * (SIGTERM, then SIGKILL after the grace period) and refuses later submissions.
 */
public final class LocalLauncher implements WorkerLauncher {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final Path scratch;
  private final Duration grace;
  private final Map<WorkerId, Process> running = new LinkedHashMap<>();
  private long next = 1;
  private boolean closed;

  /**
   * @param scratch directory for the workers' log files (created when missing)
   * @param grace how long a worker has to exit after SIGTERM before it is killed
   */
  public LocalLauncher(Path scratch, Duration grace) {
    this.scratch = scratch;
    this.grace = grace;
  }

  @Override
  public synchronized WorkerId submit(WorkerRequest request) throws IOException {
    if (closed) {
      throw new IOException("the local launcher is closed: no more workers");
    }
    Files.createDirectories(scratch);
    WorkerId id = new WorkerId(next++);
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      cmd.add(SETSID.toString());
    }
    cmd.add(request.command().get(0));
    cmd.add("--parent-death");
    cmd.addAll(request.command().subList(1, request.command().size()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(scratch.toFile())
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve(id + ".log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().putAll(request.environment());
    try {
      running.put(id, pb.start());
    } catch (IOException e) {
      throw new IOException(
          "cannot start worker "
              + request.command().get(0)
              + ": "
              + e.getMessage()
              + " (check --worker-binary)",
          e);
    }
    return id;
  }

  @Override
  public synchronized List<WorkerExit> reap() {
    List<WorkerExit> out = new ArrayList<>();
    for (Iterator<Map.Entry<WorkerId, Process>> it = running.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<WorkerId, Process> e = it.next();
      if (!e.getValue().isAlive()) {
        out.add(new WorkerExit(e.getKey(), e.getValue().exitValue()));
        it.remove();
      }
    }
    return out;
  }

  @Override
  public synchronized int active() {
    return running.size();
  }

  /** The process ids of the workers not yet reaped (for tests and diagnostics). */
  public synchronized List<Long> pids() {
    return running.values().stream().map(Process::pid).toList();
  }

  @Override
  public synchronized void remove(WorkerId id) {
    Process p = running.get(id);
    if (p != null) {
      stopAll(List.of(p.toHandle()));
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    stopAll(running.values().stream().map(Process::toHandle).toList());
  }

  /**
   * SIGTERM to each worker (a Work Queue worker then kills its tasks), SIGKILL to whatever of the
   * trees is left after the grace period. The descendants are listed before the first signal: once
   * a worker exits its orphans are no longer its descendants.
   */
  private void stopAll(List<ProcessHandle> roots) {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle root : roots) {
      all.add(root);
      root.descendants().forEach(all::add);
    }
    roots.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle root : roots) {
      long left = deadline - System.nanoTime();
      try {
        root.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        // still running: killed below
      }
    }
    for (ProcessHandle root : roots) {
      root.descendants().forEach(all::add);
    }
    all.forEach(ProcessHandle::destroyForcibly);
  }
}

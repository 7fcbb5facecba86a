package dev.shoal.worker.launch;

import dev.shoal.monitor.MonitoredTask;
import dev.shoal.monitor.exec.Shell;
import dev.shoal.monitor.exec.ShellPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The command of one {@link LaunchRun} once started: {@code /bin/sh -c} spawned by the JVM (the
 * one-task launcher), or a subshell forked by a long-lived shell of a {@link ShellPool} (the {@link
 * ShoalExecutor}: a fork of a small shell instead of the JVM's {@code jspawnhelper} and an exec of
 * {@code /bin/sh} per task). Either way the command runs in the task's {@code work/} directory with
 * its output (stdout and stderr) in the task's log, after the monitor's join snippet, and is
 * measured by the monitor from its start.
 *
 * <p>Threading: {@link #waitFor} on the attempt's thread; {@link #kill} from any thread.
 */
sealed interface TaskCommand permits TaskCommand.Spawned, TaskCommand.Pooled {
  /**
   * Waits for the command's end; returns its status as a shell reports it (128 + signal when killed
   * by a signal).
   *
   * @throws IOException if the pooled shell running it died
   */
  int waitFor() throws InterruptedException, IOException;

  /** Kills the command's process tree (SIGKILL); also when it has not reported its pid yet. */
  void kill();

  /**
   * Starts {@code command} as {@code /bin/sh -c} from the JVM; the environment is this process's
   * without {@code unset}, plus {@code env}.
   */
  static TaskCommand spawn(
      String command,
      Path work,
      Map<String, String> env,
      String unset,
      Path log,
      MonitoredTask task)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder("/bin/sh", "-c", task.joinSnippet() + command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().remove(unset);
    pb.environment().putAll(env);
    Process p = pb.start();
    task.attach(p.pid());
    return new Spawned(p);
  }

  /**
   * Starts {@code command} in a shell of {@code pool}; the environment is the shell's (this
   * process's at the shell's start) without {@code unset}, plus {@code env}. The shell goes back to
   * the pool when the command ends.
   */
  static TaskCommand pooled(
      ShellPool pool,
      String command,
      Path work,
      Map<String, String> env,
      String unset,
      Path log,
      MonitoredTask task)
      throws IOException {
    Shell shell = pool.acquire();
    Pooled p = new Pooled(task);
    String prelude =
        task.joinSnippet()
            + "unset "
            + unset
            + "; exec >"
            + Shell.quote(log.toString())
            + " 2>&1; ";
    try {
      shell.run(
          command,
          work,
          new LinkedHashMap<>(env),
          prelude,
          p::started,
          status -> {
            pool.release(shell); // idle again: its task's subshell has been waited for
            p.end.complete(status);
          });
    } catch (IOException | RuntimeException e) {
      pool.release(shell); // a shell that cannot be written to is dead: the pool drops it
      throw e;
    }
    return p;
  }

  /** Kills {@code root} and every process under it. */
  private static void killTree(ProcessHandle root) {
    root.descendants().forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
  }

  /** A {@code /bin/sh -c} the JVM started. */
  record Spawned(Process process) implements TaskCommand {
    @Override
    public int waitFor() throws InterruptedException {
      return process.waitFor();
    }

    @Override
    public void kill() {
      killTree(process.toHandle());
    }
  }

  /**
   * A task's subshell in a pooled shell. Its pid arrives on the shell's reader thread; a kill that
   * comes before it is carried out when it arrives (both sides volatile: one of them sees the
   * other).
   */
  final class Pooled implements TaskCommand {
    private final MonitoredTask task;
    private final CompletableFuture<Integer> end = new CompletableFuture<>();
    private volatile long pid;
    private volatile boolean killed;

    private Pooled(MonitoredTask task) {
      this.task = task;
    }

    private void started(long pid) {
      this.pid = pid;
      task.attach(pid);
      if (killed) {
        kill();
      }
    }

    @Override
    public int waitFor() throws InterruptedException, IOException {
      int status;
      try {
        status = end.get();
      } catch (ExecutionException e) {
        throw new IOException("the shell running the task failed", e.getCause());
      }
      if (status < 0) {
        throw new IOException("the shell running the task died");
      }
      return status;
    }

    @Override
    public void kill() {
      killed = true;
      long p = pid;
      if (p > 0) {
        ProcessHandle.of(p).ifPresent(TaskCommand::killTree);
      }
    }
  }
}

package dev.shoal.monitor.exec;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * One {@code /bin/sh -s} process that runs tasks one at a time.
 *
 * <p>Protocol: the JVM writes one line of shell per task to the shell's standard input; the shell
 * reports on a FIFO opened as its fd 3 ({@code S <pid>} when the task's subshell starts, {@code E
 * <status>} when it ends). The subshell is asynchronous, so (POSIX) it ignores SIGINT and SIGQUIT:
 * an interrupt reaches the engine, which stops tasks with SIGTERM. The shell's standard output and
 * error are this process's, so task output lands where makeflow's would. The task runs in a forked
 * subshell that changes to its directory, exports its variables, reads {@code /dev/null}, and
 * evaluates the command as {@code sh -c} would. A command that uses {@code $$} is run by {@code
 * exec /bin/sh -c} instead, so that {@code $$} is its own process id as with {@code sh -c}.
 *
 * <p>Threading: {@link #run} is called by one thread at a time (the pool hands a shell to one
 * task); the callbacks run on this shell's reader thread.
 */
public final class Shell implements AutoCloseable {
  private final Process process;
  private final OutputStream stdin;
  private final BufferedReader control;
  private final Thread reader;
  private volatile LongConsumer onStart;
  private volatile IntConsumer onEnd;
  private volatile boolean dead;

  private Shell(Process process, BufferedReader control) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.control = control;
    this.reader =
        Thread.ofPlatform().daemon().name("shoal-shell-" + process.pid()).unstarted(this::read);
  }

  /** Starts a shell reporting on {@code fifo}, an existing FIFO. */
  static Shell start(Path fifo) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-s");
    pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    OutputStream in = p.getOutputStream();
    in.write(("exec 3>" + quote(fifo.toString()) + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    // Opening the FIFO for reading waits for the shell to open it for writing.
    BufferedReader control =
        new BufferedReader(
            new InputStreamReader(new FileInputStream(fifo.toFile()), StandardCharsets.UTF_8));
    Shell s = new Shell(p, control);
    s.reader.start();
    return s;
  }

  public boolean alive() {
    return !dead && process.isAlive();
  }

  /**
   * Starts {@code command} in {@code dir} with {@code env} added to the environment, after the
   * shell text {@code prelude} (run by the task's subshell itself, e.g. to join a cgroup).
   *
   * @param onStart called with the task's process id
   * @param onEnd called with its exit status (128 + signal when killed), or -1 if the shell died
   */
  public void run(
      String command,
      Path dir,
      Map<String, String> env,
      String prelude,
      LongConsumer onStart,
      IntConsumer onEnd)
      throws IOException {
    this.onStart = onStart;
    this.onEnd = onEnd;
    StringBuilder line = new StringBuilder(command.length() + 256);
    // In a subshell $$ is the parent's pid; /proc/self, resolved by cd -P, is the subshell's own.
    // The task is an asynchronous subshell: $! is its pid, and "wait ... 2>/dev/null" keeps the
    // shell's own "Terminated" notes about a killed task away from the user.
    line.append("( exec 3>&-; ").append(prelude).append("cd ");
    line.append(quote(dir.toString())).append(" || exit 127; ");
    for (Map.Entry<String, String> e : env.entrySet()) {
      line.append("export ").append(e.getKey()).append('=');
      line.append(quote(e.getValue())).append("; ");
    }
    line.append("exec </dev/null; ");
    if (command.contains("$$")) {
      line.append("exec /bin/sh -c ").append(quote(command));
    } else {
      line.append("eval ").append(quote(command));
    }
    line.append(" ) & echo \"S $!\" >&3; wait $! 2>/dev/null; echo \"E $?\" >&3\n");
    stdin.write(line.toString().getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  private void read() {
    try {
      String line;
      while ((line = control.readLine()) != null) {
        if (line.startsWith("S ")) {
          onStart.accept(Long.parseLong(line.substring(2).trim()));
        } else if (line.startsWith("E ")) {
          IntConsumer end = onEnd;
          onEnd = null;
          end.accept(Integer.parseInt(line.substring(2).trim()));
        }
      }
    } catch (IOException | RuntimeException e) {
      System.getLogger(Shell.class.getName())
          .log(System.Logger.Level.WARNING, "task shell " + process.pid() + " failed", e);
    } finally {
      dead = true;
      IntConsumer end = onEnd;
      onEnd = null;
      if (end != null) {
        end.accept(-1);
      }
    }
  }

  /**
   * Waits until the shell's process has exited (and been reaped), at most {@code timeout}; for
   * after {@link #close}, which only closes its standard input.
   *
   * @return whether it has exited
   */
  public boolean awaitExit(java.time.Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** {@code s} as one single-quoted shell word. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Override
  public void close() {
    dead = true;
    try {
      stdin.close();
    } catch (IOException e) {
      process.destroy();
    }
  }
}

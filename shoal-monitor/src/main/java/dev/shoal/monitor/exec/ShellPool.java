package dev.shoal.monitor.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Long-lived {@code /bin/sh} processes that run tasks, so that starting a task costs one fork of a
 * small shell instead of the JVM's process launch plus an exec of {@code /bin/sh}.
 *
 * <p>Each {@link Shell} runs one task at a time. {@link #acquire()} hands out an idle shell,
 * starting a new one when none is idle; {@link #release} gives it back. Thread-safe. Shells whose
 * process died are dropped. {@link #close()} ends every shell (their stdin is closed: a shell that
 * reads end of file exits after its current task).
 */
public final class ShellPool implements AutoCloseable {
  /** FIFOs made per call of mkfifo: one process makes the control channels of many shells. */
  private static final int FIFO_BATCH = 16;

  private final Path fifoDir;
  private final Deque<Path> fifos = new ArrayDeque<>();
  private final Deque<Shell> idle = new ArrayDeque<>();
  private final List<Shell> all = new ArrayList<>();
  private int nextId;
  private boolean closed;

  public ShellPool() throws IOException {
    // Not Files.createTempDirectory: its random names cost a SecureRandom at start-up.
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    this.fifoDir =
        Files.createDirectory(
            tmp.resolve("shoal-shells-" + ProcessHandle.current().pid() + "-" + System.nanoTime()),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    // Beside the run, not before it: start-up does not wait for the sweep.
    Thread.ofPlatform().daemon().name("shoal-shells-sweep").start(() -> sweepStale(tmp));
  }

  /**
   * Removes the FIFO directories ({@code shoal-shells-<pid>-<nanos>}) of pools whose process ended
   * without closing them (killed with SIGKILL); a directory whose pid runs is left alone.
   */
  static void sweepStale(Path tmp) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "shoal-shells-*")) {
      for (Path d : dirs) {
        String[] parts = d.getFileName().toString().split("-");
        if (parts.length != 4 || !parts[2].chars().allMatch(Character::isDigit)) {
          continue;
        }
        if (ProcessHandle.of(Long.parseLong(parts[2])).isPresent()) {
          continue;
        }
        try (var files = Files.list(d)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(f);
          }
          Files.deleteIfExists(d);
        } catch (IOException e) {
          // another process swept it first, or it is not ours to remove: leave it
        }
      }
    } catch (IOException | RuntimeException e) {
      System.getLogger(ShellPool.class.getName())
          .log(System.Logger.Level.DEBUG, "sweeping stale shell directories in " + tmp, e);
    }
  }

  /** An idle shell, started if need be. */
  public synchronized Shell acquire() throws IOException {
    if (closed) {
      throw new IllegalStateException("the shell pool is closed");
    }
    while (!idle.isEmpty()) {
      Shell s = idle.pop();
      if (s.alive()) {
        return s;
      }
      all.remove(s);
    }
    if (fifos.isEmpty()) {
      makeFifos();
    }
    Shell s = Shell.start(fifos.pop());
    all.add(s);
    return s;
  }

  /** Gives a shell back after its task ended. */
  public synchronized void release(Shell shell) {
    if (closed || !shell.alive()) {
      all.remove(shell);
      shell.close();
      return;
    }
    idle.push(shell);
  }

  private void makeFifos() throws IOException {
    List<String> cmd = new ArrayList<>(List.of("mkfifo", "-m", "600"));
    List<Path> made = new ArrayList<>();
    for (int i = 0; i < FIFO_BATCH; i++) {
      Path p = fifoDir.resolve("control-" + nextId++);
      made.add(p);
      cmd.add(p.toString());
    }
    Process mk = new ProcessBuilder(cmd).inheritIO().start();
    try {
      if (mk.waitFor() != 0) {
        throw new IOException("mkfifo in " + fifoDir + " failed with exit code " + mk.exitValue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating FIFOs in " + fifoDir, e);
    }
    fifos.addAll(made);
  }

  /**
   * {@link #close()}, then waits (at most {@code timeout} in all) until every shell's process has
   * exited: a process that is about to exit itself calls this so that its shells neither outlive it
   * nor leave their CPU time unaccounted (a child reaped by its parent adds to the parent's).
   *
   * @return whether every shell exited in time
   */
  public boolean close(java.time.Duration timeout) throws InterruptedException {
    List<Shell> shells;
    synchronized (this) {
      shells = List.copyOf(all);
      close();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Shell s : shells) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!s.awaitExit(java.time.Duration.ofNanos(left))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Shell s : all) {
      s.close();
    }
    all.clear();
    idle.clear();
    try (var files = Files.list(fifoDir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(fifoDir);
    } catch (IOException e) {
      // A leftover empty directory in the temporary directory is harmless; say so, go on.
      System.getLogger(ShellPool.class.getName())
          .log(System.Logger.Level.DEBUG, "cannot remove " + fifoDir, e);
    }
  }
}

package dev.shoal.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
final class ShellPool implements AutoCloseable {
  private final Path fifoDir;
  private final Deque<Shell> idle = new ArrayDeque<>();
  private final List<Shell> all = new ArrayList<>();
  private int nextId;
  private boolean closed;

  ShellPool() throws IOException {
    this.fifoDir = Files.createTempDirectory("shoal-shells-");
    fifoDir.toFile().deleteOnExit();
  }

  /** An idle shell, started if need be. */
  synchronized Shell acquire() throws IOException {
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
    Shell s = Shell.start(fifoDir.resolve("control-" + nextId++));
    all.add(s);
    return s;
  }

  /** Gives a shell back after its task ended. */
  synchronized void release(Shell shell) {
    if (closed || !shell.alive()) {
      all.remove(shell);
      shell.close();
      return;
    }
    idle.push(shell);
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

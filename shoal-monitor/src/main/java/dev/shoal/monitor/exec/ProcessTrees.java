package dev.shoal.monitor.exec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping a process and everything it started. */
public final class ProcessTrees {
  private static final Duration GRACE = Duration.ofSeconds(2);

  private ProcessTrees() {}

  /** SIGTERM to the tree, then SIGKILL to what is left after a short grace period. */
  public static void stop(ProcessHandle root) {
    List<ProcessHandle> tree = root.descendants().toList();
    root.destroy();
    tree.forEach(ProcessHandle::destroy);
    CompletableFuture<ProcessHandle> exit = root.onExit();
    try {
      exit.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      root.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      root.destroyForcibly();
    }
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Stops the process {@code pid} and its descendants if it is still a task: a task shell ({@code
   * /bin/sh -s}, the subshell a task runs in) or a process running {@code command}. Any other
   * process that reused the pid is left alone.
   */
  public static void stopStale(String pid, String command) {
    long id;
    try {
      id = Long.parseLong(pid);
    } catch (NumberFormatException e) {
      return;
    }
    if (id <= 1) {
      return;
    }
    Optional<ProcessHandle> h = ProcessHandle.of(id);
    if (h.isEmpty()) {
      return;
    }
    Optional<String[]> args = h.get().info().arguments();
    boolean same =
        args.isPresent()
            && args.get().length > 0
            && (isTaskShell(h.get(), args.get())
                || args.get()[args.get().length - 1].equals(command));
    if (same) {
      stop(h.get());
    }
  }

  /**
   * A task runs in a subshell forked by a {@link Shell}: its command line is the shell's, {@code
   * /bin/sh -s}, whatever the task's command.
   */
  private static boolean isTaskShell(ProcessHandle h, String[] args) {
    return args.length == 1
        && args[0].equals("-s")
        && h.info()
            .command()
            .map(c -> c.endsWith("/sh") || c.endsWith("/dash") || c.endsWith("/bash"))
            .orElse(false);
  }
}

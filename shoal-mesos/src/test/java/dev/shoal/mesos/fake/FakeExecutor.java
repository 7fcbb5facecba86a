package dev.shoal.mesos.fake;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.CommandInfo;
import dev.shoal.mesos.ExecutorInfo;
import dev.shoal.mesos.TaskId;
import dev.shoal.mesos.TaskInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A custom executor on a simulated agent, for real: its URIs are downloaded into its sandbox, its
 * command runs as a process with the environment a Mesos agent gives an executor, and it speaks the
 * v1 Executor API to the agent's endpoint ({@link FakeMesosMaster} serves it). LAUNCHes that come
 * before its SUBSCRIBE wait in {@link #pending}. Guarded by the master's lock, but for the process,
 * which {@link #destroy} may end from any thread.
 */
final class FakeExecutor {
  final AgentId agentId;
  final ExecutorInfo info;
  final Path sandbox;
  final List<TaskInfo> pending = new ArrayList<>();
  final Set<TaskId> tasks = new LinkedHashSet<>();
  EventStream stream;
  boolean subscribed;
  boolean shutdownSent;
  boolean exited;
  private volatile Process process;

  FakeExecutor(AgentId agentId, ExecutorInfo info, Path sandbox) {
    this.agentId = agentId;
    this.info = info;
    this.sandbox = sandbox;
  }

  /**
   * Fetches the URIs and starts the command on a thread of its own; {@code exited} gets the exit
   * status (or -1 when it could not start) once the process is gone.
   */
  void start(Map<String, String> env, IntConsumer exited) {
    Thread.ofPlatform()
        .daemon()
        .name("fake-executor-" + agentId + "-" + info.executorId().value())
        .start(
            () -> {
              int status;
              try {
                status = launch(env);
              } catch (IOException e) {
                System.err.println(
                    "fake agent: cannot start executor " + info.executorId() + ": " + e);
                status = -1;
              } catch (InterruptedException e) {
                status = -1;
              }
              exited.accept(status);
            });
  }

  private int launch(Map<String, String> env) throws IOException, InterruptedException {
    Files.createDirectories(sandbox);
    CommandInfo command = info.command();
    for (CommandInfo.Uri uri : command.uris()) {
      CommandRun.fetch(uri, sandbox);
    }
    List<String> argv =
        command.shell()
            ? List.of("/bin/sh", "-c", command.value())
            : new ArrayList<>(command.arguments());
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .directory(sandbox.toFile())
            .redirectOutput(sandbox.resolve("stdout").toFile())
            .redirectError(sandbox.resolve("stderr").toFile());
    pb.environment().putAll(env);
    pb.environment().putAll(command.environment());
    Process p = pb.start();
    process = p;
    return p.waitFor();
  }

  /** Whether the process runs (or is being started). */
  boolean alive() {
    Process p = process;
    return !exited && (p == null || p.isAlive());
  }

  /** Waits for the process to exit; {@code true} when it has (or never started). */
  boolean awaitExit(java.time.Duration timeout) throws InterruptedException {
    Process p = process;
    return p == null || p.waitFor(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /**
   * Kills the executor's process tree (after the shutdown grace period, at close, or with its
   * agent). The executor goes first, so that it cannot act on its tasks' deaths (report them to an
   * agent that no longer runs it) while the rest of its tree is being killed; its descendants are
   * listed before, as once it is gone they are no longer its descendants.
   */
  void destroy() {
    Process p = process;
    if (p != null) {
      java.util.List<ProcessHandle> tree = p.descendants().toList();
      p.destroyForcibly();
      tree.forEach(ProcessHandle::destroyForcibly);
      p.descendants().forEach(ProcessHandle::destroyForcibly); // any started meanwhile
    }
  }

  /** The pids of the executor and everything it started, for tests that look for leftovers. */
  List<Long> pids() {
    Process p = process;
    if (p == null) {
      return List.of();
    }
    List<Long> pids = new ArrayList<>();
    if (p.isAlive()) {
      pids.add(p.pid());
    }
    p.descendants().forEach(h -> pids.add(h.pid()));
    return pids;
  }
}

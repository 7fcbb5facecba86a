package dev.shoal.worker.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.monitor.ExitStatus;
import dev.shoal.monitor.Limits;
import dev.shoal.monitor.MonitoredTask;
import dev.shoal.monitor.TaskConfig;
import dev.shoal.monitor.TaskMonitor;
import dev.shoal.monitor.exec.ShellPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's command in a pooled shell runs as the spawned {@code /bin/sh -c} did: in its directory,
 * with its variables and without the launcher's, its output in the log, its status as a shell
 * reports it, and KILL takes its whole tree.
 */
class TaskCommandTest {
  @TempDir Path tmp;
  private TaskMonitor monitor;
  private ShellPool shells;

  @BeforeEach
  void start() throws Exception {
    monitor = TaskMonitor.start(TaskMonitor.Options.system(Duration.ofMillis(250)));
    shells = new ShellPool();
  }

  @AfterEach
  void stop() throws Exception {
    assertTrue(shells.close(Duration.ofSeconds(5)), "a shell outlived its pool");
    monitor.close();
  }

  @Test
  void pooled_runsInItsDirectoryWithItsEnvironment_andLogsBothStreams() throws Exception {
    // HOME stands for SHOAL_TASK, which this JVM (and so the shells) does not have
    assertTrue(System.getenv("HOME") != null, "the test needs HOME set");
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path log = tmp.resolve("task.log");
    String command =
        "echo \"$PWD $TASK_VAR ${HOME:-unset}\"; echo oops >&2; echo made > out; exit 3";
    MonitoredTask task = monitor.prepare("t1", config(command, work));
    TaskCommand c =
        TaskCommand.pooled(shells, command, work, Map.of("TASK_VAR", "v 1"), "HOME", log, task);
    int status = c.waitFor();
    task.finish(ExitStatus.fromShell(status));
    assertEquals(3, status);
    assertEquals(work.toRealPath() + " v 1 unset\noops\n", Files.readString(log));
    assertEquals("made\n", Files.readString(work.resolve("out")));
  }

  @Test
  void pooled_kill_killsTheTaskTree_andTheShellServesTheNextTask() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path pidFile = tmp.resolve("sleeper.pid");
    String command = "sh -c 'echo $$ > " + pidFile + "; exec sleep 300' & wait";
    MonitoredTask task = monitor.prepare("t2", config(command, work));
    TaskCommand c =
        TaskCommand.pooled(
            shells, command, work, Map.of(), LaunchSpec.ENV, tmp.resolve("1.log"), task);
    long pid = awaitPid(pidFile);
    c.kill();
    int status = c.waitFor();
    task.finish(ExitStatus.fromShell(status));
    assertEquals(128 + 9, status);
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());

    MonitoredTask next = monitor.prepare("t3", config("echo next", work));
    TaskCommand n =
        TaskCommand.pooled(
            shells, "echo next", work, Map.of(), LaunchSpec.ENV, tmp.resolve("2.log"), next);
    assertEquals(0, n.waitFor());
    next.finish(new ExitStatus.Exited(0));
    assertEquals("next\n", Files.readString(tmp.resolve("2.log")));
  }

  private static TaskConfig config(String command, Path work) {
    return new TaskConfig(command, Limits.NONE, work, false);
  }

  /** The sleeper gives no signal but its pid file: poll for it with a deadline. */
  private static long awaitPid(Path pidFile) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(pidFile)) {
        String text = Files.readString(pidFile).strip();
        if (!text.isEmpty()) {
          return Long.parseLong(text);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the task never wrote " + pidFile);
  }
}

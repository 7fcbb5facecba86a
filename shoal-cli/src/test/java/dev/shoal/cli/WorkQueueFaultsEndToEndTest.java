package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.LogRecord;
import dev.shoal.engine.log.NodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults under Shoal's manager with Shoal's workers (protocol 11), as real processes: a straggler
 * moved by fast abort, a frozen worker found by the keepalive, a worker killed with SIGKILL. Each
 * time every rule completes exactly once.
 */
class WorkQueueFaultsEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void fastAbort_movesTheStragglerOffTheSlowWorker() throws Exception {
    // Tasks are slow only in a sandbox under the "slowpoke" worker's directory (`pwd`: makeflow
    // itself expands $PWD, to the manager's directory).
    int rules = 8;
    StringBuilder mf = new StringBuilder();
    for (int i = 1; i <= rules; i++) {
      mf.append("out").append(i).append(":\n\tcase `pwd` in *slowpoke*) sleep 60;; esac; ");
      mf.append("echo ").append(i).append(" > out").append(i).append('\n');
    }
    Path dir = flow(mf.toString());
    try (ShoalStack stack = new ShoalStack(tmp)) {
      Process manager = stack.manager(dir, tmp.resolve("manager.err"), "-Z", "port", "-F", "2");
      String port = Integer.toString(WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE));
      stack.worker("slowpoke", "127.0.0.1", port);
      // The slow worker first, so that it surely gets a task before the quick one takes all.
      WorkQueueWorkers.await(
          () -> log("manager.err").contains("joined"), PATIENCE, "the slow worker to join");
      stack.worker("quick", "127.0.0.1", port);
      assertTrue(manager.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), log("manager.err"));
      assertEquals(0, manager.exitValue(), log("manager.err"));
      for (int i = 1; i <= rules; i++) {
        assertEquals(i + "\n", Files.readString(dir.resolve("out" + i)));
      }
      assertTrue(log("manager.err").contains("fast abort: rule "), log("manager.err"));
      assertCompletedOnce(dir, rules);
    }
  }

  @Test
  void keepalive_removesAFrozenWorkerAndRequeuesItsTask() throws Exception {
    Path started = tmp.resolve("started");
    Path dir = flow("slow.txt:\n\ttouch " + started + "; sleep 1; echo done > slow.txt\n");
    try (ShoalStack stack = new ShoalStack(tmp)) {
      Process manager =
          stack.manager(dir, tmp.resolve("manager.err"), "-Z", "port", "-u", "1", "-t", "2");
      String port = Integer.toString(WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE));
      Process frozen = stack.worker("frozen", "127.0.0.1", port);
      WorkQueueWorkers.await(() -> Files.exists(started), PATIENCE, "the task to start");
      signal("STOP", frozen.pid()); // the worker JVM only: its connection stays open, silent
      long frozenAt = System.nanoTime();
      try {
        WorkQueueWorkers.await(
            () -> log("manager.err").contains("did not answer a keepalive within 2 s"),
            Duration.ofSeconds(30),
            "the manager to notice the frozen worker");
        long noticedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - frozenAt);
        assertTrue(noticedSeconds <= 10, "noticed after " + noticedSeconds + " s (-u 1 -t 2)");
        stack.worker("healthy", "127.0.0.1", port);
        assertTrue(manager.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), log("manager.err"));
      } finally {
        signal("CONT", frozen.pid());
      }
      assertEquals(0, manager.exitValue(), log("manager.err"));
      assertTrue(log("manager.err").contains("1 task(s) requeued"), log("manager.err"));
      assertEquals("done\n", Files.readString(dir.resolve("slow.txt")));
      assertCompletedOnce(dir, 1);
    }
  }

  @Test
  void workerKilledWithSigkill_taskCompletesOnAnother() throws Exception {
    Path started = tmp.resolve("started");
    Path dir =
        flow(
            "a.txt:\n\techo a > a.txt\nslow.txt: a.txt\n\ttouch "
                + started
                + "; sleep 1; cat a.txt > slow.txt\n");
    try (ShoalStack stack = new ShoalStack(tmp)) {
      Process manager = stack.manager(dir, tmp.resolve("manager.err"), "-Z", "port");
      String port = Integer.toString(WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE));
      Process victim = stack.worker("victim", "127.0.0.1", port);
      WorkQueueWorkers.await(() -> Files.exists(started), PATIENCE, "the slow task to start");
      List<ProcessHandle> tasks = victim.descendants().toList();
      victim.destroyForcibly(); // SIGKILL to the worker JVM alone, as when it is OOM-killed
      tasks.forEach(ProcessHandle::destroyForcibly); // its orphaned task shells: not ours to keep
      stack.worker("survivor", "127.0.0.1", port);
      assertTrue(manager.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), log("manager.err"));
      assertEquals(0, manager.exitValue(), log("manager.err"));
      assertTrue(log("manager.err").contains("1 task(s) requeued"), log("manager.err"));
      assertEquals("a\n", Files.readString(dir.resolve("slow.txt")));
      assertCompletedOnce(dir, 2);
    }
  }

  private Path flow(String makeflow) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("flow"));
    Files.writeString(dir.resolve("Makeflow"), makeflow);
    return dir;
  }

  private String log(String name) {
    try {
      return Files.readString(tmp.resolve(name));
    } catch (java.io.IOException e) {
      return "(no " + name + ": " + e.getMessage() + ")";
    }
  }

  private static void signal(String sig, long pid) throws Exception {
    Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start();
    assertTrue(k.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, k.exitValue(), "kill -" + sig + " " + pid);
  }

  /** Every rule reached COMPLETE exactly once in the transaction log. */
  private static void assertCompletedOnce(Path dir, int rules) throws Exception {
    Map<Integer, Long> complete = new HashMap<>();
    List<String> warnings =
        LogReader.read(
            dir.resolve("Makeflow.makeflowlog"),
            rec -> {
              if (rec instanceof LogRecord.NodeState n && n.status() == NodeStatus.COMPLETE) {
                complete.merge(n.nodeId(), 1L, Long::sum);
              }
            });
    assertEquals(List.of(), warnings, "the log is clean");
    assertEquals(rules, complete.size(), complete.toString());
    complete.forEach((r, n) -> assertEquals(1L, n, "rule " + r + " completed " + n + " times"));
  }
}

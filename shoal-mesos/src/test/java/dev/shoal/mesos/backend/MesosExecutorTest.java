package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Workflows through the Shoal executor ({@code --mesos-executor=shoal}) on the fake master, which
 * really starts the executor's JVM per agent and speaks the v1 Executor API to it, checking every
 * executor call and event against the Mesos 1.11 schema.
 */
class MesosExecutorTest extends MesosHarness {
  static final int MAPS = 12;

  static MesosOptions shoal(MesosOptions o) {
    return o.withExecutor(ExecutorChoice.DEFAULT.withMode(ExecutorChoice.Mode.SHOAL));
  }

  @Test
  void mapReduce_throughTheShoalExecutor_matchesLocalRunWithOneExecutorPerAgent() throws Exception {
    Path remote = mapReduceMatchesLocal(MAPS, o -> shoal(o.withLimits(32, 1.0, Map.of(), 2)));
    Map<dev.shoal.mesos.AgentId, Integer> starts = master.executorStarts();
    assertFalse(starts.isEmpty(), "no executor started");
    assertTrue(starts.values().stream().allMatch(n -> n == 1), "executor starts " + starts);
    assertTrue(master.awaitExecutorsExited(Duration.ofSeconds(20)), "SHUTDOWN left executors");
    assertEquals(List.of(), master.executorProcesses());
    assertEquals(List.of(), master.sandboxFiles(), () -> "sandbox content left behind" + logs());
    assertFalse(Files.exists(remote.resolve(".shoal-mesos")), "staging left behind");
    // shared.db, an input of every map, leaves the engine once per agent (the executor's cache)
    long served = backend.fileServer().downloadsServed();
    assertTrue(served <= 2L * MAPS + 3, "downloads " + served + " > " + (2 * MAPS + 3));
  }

  @Test
  void kill_ofARunningTask_killsItsProcessTree_andShutdownLeavesNoProcess() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("kill"));
    Path pidFile = tmp.resolve("sleeper.pid");
    BlockingQueue<BackendEvent> seen = new LinkedBlockingQueue<>();
    MesosBackend b =
        MesosBackend.start(seen::add, shoal(options()), dir, "Makeflow", MesosHarness::micros);
    try {
      b.submit(task(1, "sh -c 'echo $$ > " + pidFile + "; exec sleep 300' & wait"));
      assertInstanceOf(BackendEvent.Started.class, seen.poll(30, TimeUnit.SECONDS));
      long pid = awaitPid(pidFile);
      b.cancel(new TaskId(1));
      BackendEvent end = seen.poll(30, TimeUnit.SECONDS);
      BackendEvent.Finished f = assertInstanceOf(BackendEvent.Finished.class, end);
      assertEquals(TaskResult.Outcome.CANCELLED, f.result().outcome());
      assertTrue(gone(pid), "the task's sleep outlived its KILL");

      // The executor still serves the agent: a task after the kill runs on it.
      b.submit(task(2, "echo after > out"));
      BackendEvent.Finished second = nextFinished(seen);
      assertEquals(TaskResult.Outcome.EXITED, second.result().outcome(), second.toString());
      assertEquals("after\n", Files.readString(dir.resolve("out")));
    } finally {
      b.close();
    }
    assertTrue(master.awaitExecutorsExited(Duration.ofSeconds(20)), "SHUTDOWN left executors");
    assertEquals(List.of(), master.executorProcesses());
    assertEquals(1, master.executorStarts().values().stream().mapToInt(i -> i).sum());
    assertEquals(List.of(), master.sandboxFiles(), () -> "sandbox content left behind" + logs());
  }

  /** The executors' stderr, to tell why one did not clean up. */
  private String logs() {
    StringBuilder sb = new StringBuilder();
    try {
      for (Path p : master.sandboxFiles()) {
        if (p.getFileName().toString().equals("stderr")) {
          sb.append("\n").append(p).append(":\n").append(Files.readString(p));
        }
      }
    } catch (IOException e) {
      sb.append(e);
    }
    return sb.toString();
  }

  private static BackendEvent.Finished nextFinished(BlockingQueue<BackendEvent> seen)
      throws InterruptedException {
    while (true) {
      BackendEvent e = seen.poll(30, TimeUnit.SECONDS);
      assertNotNull(e, "no Finished in 30 s");
      if (e instanceof BackendEvent.Finished f) {
        return f;
      }
    }
  }

  private TaskSpec task(long id, String command) {
    return new TaskSpec(
        new TaskId(id),
        (int) id,
        command,
        tmp.resolve("kill"),
        List.of(),
        id == 2 ? List.of(dev.shoal.lang.model.FileRef.of("out")) : List.of(),
        Map.of(),
        Resources.NONE,
        "default",
        null);
  }

  /**
   * Whether {@code pid} is gone (or a zombie whose parent, killed too, left it to be reaped by
   * init). A killed process disappears asynchronously: poll with a deadline.
   */
  private static boolean gone(long pid) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Path stat = Path.of("/proc/" + pid + "/stat");
    while (System.nanoTime() < deadline) {
      if (!Files.exists(stat)) {
        return true;
      }
      try {
        String s = Files.readString(stat);
        if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
          return true;
        }
      } catch (IOException e) {
        return true; // vanished while reading
      }
      Thread.sleep(20);
    }
    System.err.println("still there: " + Files.readString(stat));
    return false;
  }

  /** The sleeper gives no signal but its pid file: poll for it with a deadline. */
  private static long awaitPid(Path pidFile) throws IOException, InterruptedException {
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

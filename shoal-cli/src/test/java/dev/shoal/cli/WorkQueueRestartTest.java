package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine (its own JVM) is killed with SIGKILL while a cctools worker runs its tasks, then
 * started again on the same port: the worker reconnects, the log recovers, and no rule that had
 * completed before the kill runs again.
 */
class WorkQueueRestartTest {
  private static final int RULES = 40;
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void engineKilledMidRun_restartsAndNothingFinishedRunsAgain() throws Exception {
    WorkQueueWorkers.assumeInstalled();
    Path dir = Files.createDirectory(tmp.resolve("flow"));
    Path runs = tmp.resolve("runs.log");
    StringBuilder mf = new StringBuilder();
    for (int i = 0; i < RULES; i++) {
      mf.append("out.")
          .append(i)
          .append(":\n\tsleep 0.1; echo ")
          .append(i)
          .append(" >> ")
          .append(runs)
          .append("; echo ")
          .append(i)
          .append(" > out.")
          .append(i)
          .append("\n\n");
    }
    Files.writeString(dir.resolve("Makeflow"), mf.toString());
    Path errors = tmp.resolve("engine.stderr");
    try (WorkQueueWorkers workers = new WorkQueueWorkers(tmp)) {
      Process first = Processes.startShoal(dir, errors, "-T", "wq", "-Z", "port", "--no-progress");
      int port;
      try {
        port = WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
        workers.start(port, "--cores", "2");
        WorkQueueWorkers.await(
            () -> lines(runs).size() >= 10, PATIENCE, "10 rules to run before the kill");
      } finally {
        Processes.killTree(first.toHandle());
      }
      Map<Integer, Long> before = completed(dir);
      assertTrue(!before.isEmpty(), "some rules completed before the kill");
      Process second =
          Processes.startShoal(
              dir, errors, "-T", "wq", "-p", Integer.toString(port), "--no-progress");
      try {
        assertTrue(second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "second run ended");
        assertEquals(0, second.exitValue(), Files.readString(errors));
      } finally {
        Processes.killTree(second.toHandle());
      }
      Map<String, Integer> ranCount = new HashMap<>();
      for (String l : lines(runs)) {
        ranCount.merge(l, 1, Integer::sum);
      }
      for (int rule : before.keySet()) {
        assertEquals(1, ranCount.get(Integer.toString(rule)), "rule " + rule + " ran again");
      }
      for (int i = 0; i < RULES; i++) {
        assertEquals(i + "\n", Files.readString(dir.resolve("out." + i)));
      }
    }
  }

  /** Rules the log calls complete. */
  private static Map<Integer, Long> completed(Path dir) throws Exception {
    Map<Integer, Long> complete = new HashMap<>();
    Path log = dir.resolve("Makeflow.makeflowlog");
    if (Files.exists(log)) {
      dev.shoal.engine.log.LogReader.read(
          log,
          rec -> {
            if (rec instanceof dev.shoal.engine.log.LogRecord.NodeState n
                && n.status() == dev.shoal.engine.log.NodeStatus.COMPLETE) {
              complete.merge(n.nodeId(), 1L, Long::sum);
            }
          });
    }
    return complete;
  }

  private static List<String> lines(Path f) {
    try {
      return Files.exists(f) ? Files.readAllLines(f) : new ArrayList<>();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.NodeStatus;
import dev.shoal.engine.log.ReplayedLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When only the engine dies (SIGKILL to its JVM, as the OOM killer does), its task goes on running;
 * the restarted engine must stop it before running the rule again, or two copies of the rule write
 * the same output.
 */
class StaleTaskTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void restart_afterOnlyTheEngineWasKilled_stopsTheTaskItLeftRunning() throws Exception {
    Path gate = dir.resolve("gate");
    assertEquals(0, new ProcessBuilder("mkfifo", gate.toString()).start().waitFor());
    Files.writeString(dir.resolve("Makeflow"), "out:\n\techo begun && cat gate > out\n");
    Path errors = dir.resolve("engine.stderr");
    Path logFile = dir.resolve("Makeflow.makeflowlog");
    List<ProcessHandle> left = new ArrayList<>();
    Process first = Processes.startShoal(dir, errors, "--no-progress");
    Process second = null;
    try {
      new Processes.Lines(first.getInputStream()).await("begun"::equals, 1, PATIENCE);
      long stalePid = awaitRunningJob(logFile);
      first.descendants().forEach(left::add);
      first.destroyForcibly().waitFor();
      assertTrue(Processes.running(stalePid));

      second = Processes.startShoal(dir, errors, "--no-progress");
      Processes.Lines out = new Processes.Lines(second.getInputStream());
      out.await("begun"::equals, 1, PATIENCE);
      assertFalse(
          Processes.running(stalePid),
          "the task " + stalePid + " of the killed run still runs beside its new copy");
      try (OutputStream w = Files.newOutputStream(gate)) {
        w.write("opened\n".getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      assertEquals(0, second.exitValue(), Files.readString(errors));
      assertEquals("opened\n", Files.readString(dir.resolve("out")));
    } finally {
      Processes.killTree(first.toHandle());
      left.forEach(Processes::killTree);
      if (second != null) {
        Processes.killTree(second.toHandle());
      }
    }
  }

  /** The job id the log gives node 0 once it is logged running: a bounded wait on the log. */
  private static long awaitRunningJob(Path log) throws IOException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      if (Files.exists(log)) {
        ReplayedLog r = LogReader.replay(log);
        var node = r.nodes().get(0);
        if (node != null && node.status() == NodeStatus.RUNNING && node.jobId() > 0) {
          return node.jobId();
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("node 0 not logged RUNNING within " + PATIENCE);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}

package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.run.RunOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real workflow through the Mesos back end on the fake master, against a local run. */
class MesosWorkflowTest extends MesosHarness {
  static final int MAPS = 12;

  /** This test is about the command executor's path: one launcher JVM per task. */
  static MesosOptions command(MesosOptions o) {
    return o.withExecutor(ExecutorChoice.DEFAULT.withMode(ExecutorChoice.Mode.COMMAND));
  }

  @Test
  void mapReduce_onTwoAgents_matchesLocalRunAndLeavesNothingBehind() throws IOException {
    Path local = tmp.resolve("local");
    Path remote = tmp.resolve("remote");
    writeInput(local, MAPS);
    writeInput(remote, MAPS);
    Path runs = tmp.resolve("runs.txt");

    RunOutcome l = run(local, mapReduce(MAPS, tmp.resolve("local-runs.txt"), 0), o -> o, false);
    RunOutcome r =
        run(remote, mapReduce(MAPS, runs, 0), o -> command(o.withLimits(32, 1.0, Map.of(), 2)));

    assertEquals(RunOutcome.Status.COMPLETED, l.status());
    assertEquals(RunOutcome.Status.COMPLETED, r.status(), () -> "events: " + events);
    for (int i = 0; i < MAPS; i++) {
      assertArrayEquals(
          Files.readAllBytes(local.resolve("out." + i)),
          Files.readAllBytes(remote.resolve("out." + i)),
          "out." + i);
    }
    assertArrayEquals(
        Files.readAllBytes(local.resolve("result")), Files.readAllBytes(remote.resolve("result")));
    assertEquals(MAPS, runCounts(runs).size());
    assertTrue(runCounts(runs).values().stream().allMatch(c -> c == 1), "each map ran once");
    assertEquals(java.util.List.of(), master.sandboxFiles(), "sandbox content left behind");
    int maxDownloads = backend.fileServer().maxConcurrentDownloads();
    assertTrue(maxDownloads >= 1 && maxDownloads <= 2, "concurrent downloads " + maxDownloads);
    assertEquals(2L * MAPS + 1 + MAPS, backend.fileServer().downloadsServed());
    assertFalse(Files.exists(remote.resolve("Makeflow.mesos")), "framework id kept after TEARDOWN");
    assertFalse(Files.exists(remote.resolve(".shoal-mesos")), "staging left behind");
    assertTrue(master.calls().contains("TEARDOWN"));
    assertTrue(master.calls().contains("RECONCILE"));
  }
}

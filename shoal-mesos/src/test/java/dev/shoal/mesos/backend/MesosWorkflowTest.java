package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    Path remote = mapReduceMatchesLocal(MAPS, o -> command(o.withLimits(32, 1.0, Map.of(), 2)));
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

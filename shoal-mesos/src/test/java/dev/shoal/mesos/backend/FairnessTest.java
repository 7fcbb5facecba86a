package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.run.RunOutcome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Challenge 3: caps on what one workflow holds of the cluster. */
class FairnessTest extends MesosHarness {
  static final int MAPS = 6;

  @Test
  void categoryLimit_capsTasksInFlight() throws Exception {
    Path dir = tmp.resolve("wf");
    writeInput(dir, MAPS);

    RunOutcome r =
        run(
            dir,
            mapReduce(MAPS, tmp.resolve("runs"), 0.3),
            o -> o.withLimits(32, 1.0, Map.of("default", 2), 8));

    assertEquals(RunOutcome.Status.COMPLETED, r.status());
    assertEquals(2, backend.maxInFlight(), "4 cpus free for 6 maps, but the category allows 2");
  }

  @Test
  void maxShare_capsCpusHeld() throws Exception {
    Path dir = tmp.resolve("wf");
    writeInput(dir, MAPS);

    // 2 agents of 2 cpus, tasks of 0.5 cpu: a quarter of the cluster is 2 tasks.
    RunOutcome r =
        run(
            dir,
            mapReduce(MAPS, tmp.resolve("runs"), 0.3),
            o -> o.withLimits(32, 0.25, Map.of(), 8));

    assertEquals(RunOutcome.Status.COMPLETED, r.status());
    assertTrue(backend.maxInFlight() <= 2, "in flight " + backend.maxInFlight());
  }

  @Test
  void perAgentCap_spreadsTasks() throws Exception {
    Path dir = tmp.resolve("wf");
    writeInput(dir, MAPS);

    RunOutcome r =
        run(dir, mapReduce(MAPS, tmp.resolve("runs"), 0.3), o -> o.withLimits(1, 1.0, Map.of(), 8));

    assertEquals(RunOutcome.Status.COMPLETED, r.status());
    assertTrue(backend.maxInFlight() <= 2, "one per agent, two agents: " + backend.maxInFlight());
  }
}

package dev.shoal.wq.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemandPolicyTest {
  /** cctools 8.0.0 makeflow's answer to queue_status: 2 waiting, 1 on a worker, 1 worker. */
  static ManagerRecord captured() throws Exception {
    try (InputStream in =
        DemandPolicyTest.class.getResourceAsStream("/dev/shoal/wq/status/queue_status.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return ManagerRecord.of(
          (JxObject) ((dev.shoal.jx.JxArray) Json.parse(text, "t")).items().get(0));
    }
  }

  static ManagerRecord record(String json) {
    try {
      return ManagerRecord.of((JxObject) Json.parse(json, "t"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static DemandPolicy policy(int min, int max, int perCycle, int tpw, WorkerShape shape) {
    return new DemandPolicy(min, max, perCycle, tpw, shape, false);
  }

  @Test
  void of_capturedRecord_readsTheCounts() throws Exception {
    ManagerRecord m = captured();
    assertEquals("fxproj-cap", m.project());
    assertEquals(2, m.tasksWaiting());
    assertEquals(1, m.tasksOnWorkers());
    assertEquals(0, m.tasksLeft());
    assertEquals(1, m.workersConnected());
  }

  @Test
  void decide_capturedRecord_startsTheMissingWorkers() throws Exception {
    // need 2 + 0 + 1 = 3; one worker is connected (not ours): start 2.
    Demand d = policy(0, 100, 5, 0, WorkerShape.UNSET).decide(List.of(captured()), 0);
    assertEquals(new Demand(1, 3, 1, 0, 0, 2), d);
  }

  @Test
  void decide_clampsToMax_andLimitsWaitingWorkers() {
    ManagerRecord m = record("{\"tasks_waiting\":1000,\"workers_connected\":0}");
    assertEquals(3, policy(0, 3, 5, 0, WorkerShape.UNSET).decide(List.of(m), 0).toStart());
    // 20 needed, 2 of ours still waiting to connect, at most 5 waiting: 3 more.
    Demand d = policy(0, 20, 5, 0, WorkerShape.UNSET).decide(List.of(m), 2);
    assertEquals(20, d.needed());
    assertEquals(2, d.pending());
    assertEquals(3, d.toStart());
  }

  @Test
  void decide_noWork_keepsMinimum_andNeverStops() {
    ManagerRecord idle = record("{\"tasks_waiting\":0,\"workers_connected\":4}");
    assertEquals(
        new Demand(1, 2, 4, 4, 0, 0),
        policy(2, 10, 5, 0, WorkerShape.UNSET).decide(List.of(idle), 4));
    assertEquals(5, DemandPolicy.defaults().decide(List.of(), 0).toStart());
  }

  @Test
  void need_tasksPerWorker_andCoresDefault() {
    ManagerRecord m = record("{\"tasks_waiting\":7,\"tasks_left\":2,\"tasks_on_workers\":1}");
    assertEquals(10, policy(0, 100, 5, 0, WorkerShape.UNSET).need(m));
    assertEquals(4, policy(0, 100, 5, 3, WorkerShape.UNSET).need(m));
    assertEquals(3, policy(0, 100, 5, 0, new WorkerShape(4, 0, 0, 0)).need(m), "one task per core");
  }

  @Test
  void need_resourcesOfTheTasks_raiseIt() {
    ManagerRecord m =
        record(
            "{\"tasks_waiting\":2,\"tasks_total_cores\":16,\"tasks_total_memory\":50000,"
                + "\"tasks_total_disk\":1000,\"tasks_total_gpus\":3}");
    assertEquals(4, policy(0, 100, 5, 0, new WorkerShape(4, 0, 0, 0)).need(m));
    assertEquals(7, policy(0, 100, 5, 0, new WorkerShape(4, 8000, 0, 0)).need(m));
    assertEquals(3, policy(0, 100, 5, 0, new WorkerShape(0, 0, 0, 1)).need(m));
  }

  @Test
  void need_capacity_capsIt() {
    ManagerRecord m = record("{\"tasks_waiting\":50,\"capacity_weighted\":8}");
    assertEquals(8, new DemandPolicy(0, 100, 5, 0, WorkerShape.UNSET, true).need(m));
  }

  @Test
  void decide_sumsManagers_andCountsOthersWorkers() {
    ManagerRecord a = record("{\"tasks_waiting\":3,\"workers_connected\":1}");
    ManagerRecord b = record("{\"tasks_waiting\":4,\"workers_connected\":2}");
    Demand d = policy(0, 100, 10, 0, WorkerShape.UNSET).decide(List.of(a, b), 0);
    assertEquals(7, d.needed());
    assertEquals(4, d.toStart(), "3 connected workers of someone else count");
  }

  @Test
  void of_oddValues_readAsZeroOrNumbers() {
    ManagerRecord m =
        record(
            "{\"tasks_waiting\":\"12\",\"tasks_left\":-3,\"tasks_on_workers\":2.5,\"workers\":2}");
    assertEquals(12, m.tasksWaiting());
    assertEquals(0, m.tasksLeft());
    assertEquals(3, m.tasksOnWorkers());
    assertEquals(2, m.workersConnected(), "old managers report workers only");
  }

  @Test
  void policy_badLimits_areRefusedWithTheValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> policy(5, 3, 5, 0, WorkerShape.UNSET));
    assertEquals(true, e.getMessage().contains("min 5, max 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> policy(0, 3, 0, 0, WorkerShape.UNSET));
  }
}

package dev.shoal.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same client against a real Mesos master with at least one agent (1 cpu, 64 MB free). Skipped
 * unless {@code -Dshoal.mesos.master=HOST:PORT} is given; the framework is torn down at the end.
 */
class RealMesosMasterTest {
  private static final String MASTER = System.getProperty("shoal.mesos.master", "");

  @Test
  void subscribeLaunchAcknowledgeReconcileTeardown() throws Exception {
    assumeTrue(!MASTER.isBlank(), "no -Dshoal.mesos.master=HOST:PORT given");
    FrameworkInfo framework =
        new FrameworkInfo(
            System.getProperty("user.name"),
            "shoal-it",
            null,
            List.of("*"),
            60,
            false,
            null,
            List.of("MULTI_ROLE")); // resources sent back carry allocation_info, "*" included
    Recorder r = new Recorder();
    try (MesosConnection c =
        MesosConnection.start(
            MesosConnection.Settings.of(MASTER, framework)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)),
            r)) {
      r.next(Event.Subscribed.class);
      c.send(new Call.Reconcile(List.of()));
      Offer offer =
          r
              .next(Event.Offers.class, o -> o.offers().stream().anyMatch(x -> x.cpus() >= 1))
              .offers()
              .stream()
              .filter(x -> x.cpus() >= 1)
              .findFirst()
              .orElseThrow();
      TaskInfo task =
          FakeMasterTestBase.task("shoal-it-1", offer, 1, 32, CommandInfo.shell("echo shoal"));
      FakeMasterTestBase.launch(c, offer, task);
      List<TaskStatus> updates = FakeMasterTestBase.runToEnd(c, r, task.taskId());
      assertEquals(TaskState.TASK_FINISHED, updates.getLast().state(), updates.toString());
      c.send(new Call.Reconcile(List.of(new Call.TaskRef(task.taskId(), offer.agentId()))));
      r.update(task.taskId());
      c.send(new Call.Teardown());
    }
  }
}

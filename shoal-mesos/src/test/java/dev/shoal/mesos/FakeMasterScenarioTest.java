package dev.shoal.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Offers, launches, updates and reconciliation between the connection and the fake master. */
class FakeMasterScenarioTest extends FakeMasterTestBase {

  @Test
  void acceptLaunch_fetchesUrisRunsTheCommandAndReportsUpdatesWithUuids() throws Exception {
    served("input.txt", "hello mesos\n");
    served("tool.sh", "#!/bin/sh\ntr a-z A-Z < input.txt\n");
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    Offer offer = offerOf(r, agent0);
    CommandInfo command =
        CommandInfo.shell("./bin/tool > out.txt")
            .withUris(
                List.of(
                    CommandInfo.Uri.file(url("input.txt")),
                    new CommandInfo.Uri(url("tool.sh"), true, false, false, "bin/tool")));
    launch(c, offer, task("t1", offer, 1, 256, command));
    List<TaskStatus> updates = runToEnd(c, r, new TaskId("t1"));
    assertEquals(
        List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED),
        updates.stream().map(TaskStatus::state).toList());
    for (TaskStatus s : updates) {
      assertEquals(16, s.uuid().bytes().length);
      assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, s.source());
      assertEquals(agent0, s.agentId());
    }
    Path sandbox = tmp.resolve("agents").resolve(agent0.value()).resolve("t1");
    assertEquals("HELLO MESOS\n", Files.readString(sandbox.resolve("out.txt")));
    assertEquals(Map.of("cpus", 0.0, "mem", 0.0), master.used(agent0));
  }

  @Test
  void failover_offersHeldByTheDeadConnection_areOfferedToItsSuccessor() throws Exception {
    Recorder first = new Recorder();
    MesosConnection c1 = connect(master.address(), first);
    FrameworkId id = first.next(Event.Subscribed.class).frameworkId();
    assertEquals(Set.of(agent0, agent1), offeredAgents(first));
    c1.close(); // an engine killed while holding an offer of every agent, answering none

    Recorder second = new Recorder();
    connect(master.address(), second, FRAMEWORK.withId(id));
    assertEquals(id, second.next(Event.Subscribed.class).frameworkId());
    assertEquals(Set.of(agent0, agent1), offeredAgents(second));
  }

  /** The agents of the next offers, until both agents were offered (or the recorder times out). */
  private Set<AgentId> offeredAgents(Recorder r) {
    Set<AgentId> seen = new java.util.HashSet<>();
    while (seen.size() < 2) {
      r.next(Event.Offers.class).offers().forEach(o -> seen.add(o.agentId()));
    }
    return seen;
  }

  @Test
  void unacknowledgedUpdate_isResentWithTheSameUuid() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    Offer offer = offerOf(r, agent1);
    launch(c, offer, task("t2", offer, 1, 128, CommandInfo.shell("exit 3")));
    TaskStatus first = r.update(new TaskId("t2"));
    TaskStatus again = r.update(new TaskId("t2"));
    assertEquals(first, again);
    assertTrue(master.resends() >= 1);
    ack(c, first);
    List<TaskStatus> rest = runToEnd(c, r, new TaskId("t2"));
    TaskStatus end = rest.getLast();
    assertEquals(TaskState.TASK_FAILED, end.state());
    assertEquals(TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED, end.reason());
    assertEquals("Command exited with status 3", end.message());
  }

  @Test
  void taskLargerThanTheOffer_isRefusedWithTaskError() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    Offer offer = offerOf(r, agent1);
    launch(c, offer, task("big", offer, 3, 128, CommandInfo.shell("true")));
    TaskStatus s = r.update(new TaskId("big"));
    assertEquals(TaskState.TASK_ERROR, s.state());
    assertEquals(TaskStatus.Reason.REASON_TASK_INVALID, s.reason());
    assertNull(s.uuid(), "master-made updates carry no uuid and must not be acknowledged");
  }

  @Test
  void decline_refusesTheAgentUntilTheFilterExpires() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    Offer offer = offerOf(r, agent0);
    c.send(new Call.Decline(List.of(offer.id()), new Filters(60)));
    List<Event.Offers> meanwhile = r.during(5, Event.Offers.class);
    assertTrue(
        meanwhile.stream()
            .flatMap(o -> o.offers().stream())
            .noneMatch(o -> o.agentId().equals(agent0)),
        "agent0 offered again while filtered: " + meanwhile);
    clock.advance(Duration.ofSeconds(61));
    assertEquals(4.0, offerOf(r, agent0).cpus());
  }

  @Test
  void suppress_stopsOffersAndReviveBringsThemBack() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    Offer offer = offerOf(r, agent0);
    c.send(new Call.Suppress(List.of()));
    c.send(new Call.Decline(List.of(offer.id()), new Filters(0)));
    assertEquals(List.of(), r.during(5, Event.Offers.class));
    c.send(new Call.Revive(List.of()));
    assertEquals(4.0, offerOf(r, agent0).cpus());
  }

  @Test
  void reconcileAndKill_reportStatesWithoutUuid() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    Offer offer = offerOf(r, agent0);
    TaskId id = new TaskId("sleeper");
    launch(c, offer, task(id.value(), offer, 1, 64, CommandInfo.shell("sleep 60")));
    ack(c, r.update(id)); // STARTING
    ack(c, r.update(id)); // RUNNING
    c.send(new Call.Reconcile(List.of()));
    TaskStatus implicit = r.update(id);
    assertEquals(TaskState.TASK_RUNNING, implicit.state());
    assertEquals(TaskStatus.Reason.REASON_RECONCILIATION, implicit.reason());
    assertNull(implicit.uuid());
    c.send(new Call.Reconcile(List.of(new Call.TaskRef(new TaskId("never-launched"), agent0))));
    assertEquals(TaskState.TASK_LOST, r.update(new TaskId("never-launched")).state());
    c.send(new Call.Kill(id, agent0));
    List<TaskStatus> end = runToEnd(c, r, id);
    assertEquals(TaskState.TASK_KILLED, end.getLast().state());
  }

  @Test
  void agentLoss_losesItsTasksAndReportsFailure() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    Offer offer = offerOf(r, agent1);
    TaskId id = new TaskId("doomed");
    launch(c, offer, task(id.value(), offer, 1, 64, CommandInfo.shell("sleep 60")));
    ack(c, r.update(id)); // STARTING
    master.loseAgent(agent1);
    TaskStatus lost = r.update(id);
    while (lost.state() != TaskState.TASK_LOST) {
      lost = r.update(id); // a RUNNING update may come first
    }
    assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, lost.reason());
    assertEquals(agent1, r.next(Event.Failure.class).agentId());
  }

  @Test
  void rescind_withdrawsTheOfferAndAcceptingItLosesTheTask() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    Offer offer = offerOf(r, agent0);
    master.rescindOffers(agent0);
    assertEquals(offer.id(), r.next(Event.Rescind.class).offerId());
    launch(c, offer, task("late", offer, 1, 64, CommandInfo.shell("true")));
    TaskStatus s = r.update(new TaskId("late"));
    assertEquals(TaskState.TASK_LOST, s.state());
    assertEquals(TaskStatus.Reason.REASON_INVALID_OFFERS, s.reason());
  }

  @Test
  void teardown_removesTheFrameworkForGood() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    FrameworkId id = r.next(Event.Subscribed.class).frameworkId();
    c.send(new Call.Teardown());
    assertTrue(c.awaitStopped(Recorder.WAIT), "a torn-down framework's connection ends");
    // A later engine with the stale id (its id file kept) is refused.
    Recorder late = new Recorder();
    connect(master.address(), late, FRAMEWORK.withId(id));
    assertEquals(
        "Framework has been removed",
        late.next(Event.Error.class).message(),
        "a resubscription with a torn-down id is refused");
    assertTrue(master.calls().contains("TEARDOWN"));
  }
}

package dev.shoal.mesos.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Bytes;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.Event;
import dev.shoal.mesos.FrameworkId;
import dev.shoal.mesos.Offer;
import dev.shoal.mesos.OfferId;
import dev.shoal.mesos.Resource;
import dev.shoal.mesos.TaskId;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.TaskStatus;
import dev.shoal.wq.factory.WorkerExit;
import dev.shoal.wq.factory.WorkerId;
import dev.shoal.wq.factory.WorkerRequest;
import dev.shoal.wq.factory.WorkerShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory framework's decisions, input by input. */
class WorkerSchedulerTest {
  static final AgentId AGENT = new AgentId("S0");
  static final MesosWorkerOptions OPTIONS =
      MesosWorkerOptions.of("m:5050", Path.of("w.jar")).withJava("java");

  final WorkerScheduler scheduler = new WorkerScheduler("http://h:1/f/jar", "r");

  static WorkerTask task(int cores) {
    return WorkerTask.of(
        new WorkerRequest(
            List.of("work_queue_worker", "-t", "30", "--cores=" + cores, "mgr", "9123"),
            new WorkerShape(cores, 0, 0, 0),
            Map.of()),
        OPTIONS);
  }

  static Offer offer(String id, double cpus, double mem) {
    return new Offer(
        new OfferId(id),
        new FrameworkId("f"),
        AGENT,
        "agent0",
        List.of(Resource.cpus(cpus, "*"), Resource.mem(mem, "*"), Resource.disk(10_000, "*")),
        List.of());
  }

  List<Call> subscribe() {
    return scheduler.handle(
        new LauncherInput.FromMesos(new Event.Subscribed(new FrameworkId("f"), 15)));
  }

  List<Call> offers(Offer... o) {
    return scheduler.handle(new LauncherInput.FromMesos(new Event.Offers(List.of(o))));
  }

  List<Call> update(TaskId t, TaskState state, Bytes uuid, String message) {
    return scheduler.handle(
        new LauncherInput.FromMesos(
            new Event.Update(
                new TaskStatus(
                    t,
                    state,
                    TaskStatus.Source.SOURCE_EXECUTOR,
                    null,
                    message,
                    AGENT,
                    null,
                    uuid,
                    null,
                    Double.NaN))));
  }

  List<TaskInfo> launched(List<Call> calls) {
    Call.Accept a = (Call.Accept) calls.get(0);
    return ((Call.Launch) a.operations().get(0)).tasks();
  }

  @Test
  void offer_packsAsManyWorkersAsFit_withMatchingResources_thenSuppresses() {
    for (int i = 1; i <= 3; i++) {
      scheduler.handle(new LauncherInput.Submit(new WorkerId(i), task(2)));
    }
    assertEquals(List.of(new Call.Reconcile(List.of())), subscribe());
    List<Call> calls = offers(offer("o1", 5, 4096));
    List<TaskInfo> tasks = launched(calls);
    assertEquals(2, tasks.size(), "two workers of 2 cpus fit in 5 cpus");
    TaskInfo t = tasks.get(0);
    assertEquals(2.0, Resource.sum(t.resources(), Resource.CPUS));
    assertEquals(512.0, Resource.sum(t.resources(), Resource.MEM));
    assertEquals(1024.0, Resource.sum(t.resources(), Resource.DISK));
    String cmd = t.command().value();
    assertTrue(
        cmd.startsWith(
            "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -cp shoal-worker.jar"
                + " dev.shoal.worker.WorkerMain --cores=2 --memory=512 --disk=1024 -s . -t 30"),
        cmd);
    assertTrue(cmd.endsWith(" mgr 9123"), cmd);
    var uri = t.command().uris().get(0);
    assertTrue(uri.cache() && !uri.extract() && uri.outputFile().equals("shoal-worker.jar"));
    assertEquals(1, calls.size(), "still one waiting: no SUPPRESS");
    assertEquals(3, scheduler.active());

    calls = offers(offer("o2", 2, 4096));
    assertEquals(1, launched(calls).size());
    assertEquals(new Call.Suppress(List.of()), calls.get(1));
    assertEquals(3, scheduler.running());
  }

  @Test
  void offer_nothingFits_declinedShortlyWhileWorkersWait_longWhenNone() {
    subscribe();
    Call.Decline idle = (Call.Decline) offers(offer("o1", 4, 4096)).get(0);
    assertEquals(30, idle.filters().refuseSeconds());
    List<Call> revive = scheduler.handle(new LauncherInput.Submit(new WorkerId(1), task(8)));
    assertEquals(List.of(new Call.Revive(List.of())), revive);
    Call.Decline busy = (Call.Decline) offers(offer("o2", 4, 4096)).get(0);
    assertEquals(1, busy.filters().refuseSeconds());
  }

  @Test
  void workerLargerThanAnyAgent_waits_andIsReportedOncePerSize() {
    scheduler.handle(new LauncherInput.Submit(new WorkerId(1), task(8)));
    scheduler.handle(new LauncherInput.Submit(new WorkerId(2), task(8)));
    subscribe();
    offers(offer("o1", 4, 4096));
    List<String> w = scheduler.warnings();
    assertEquals(1, w.size(), w.toString());
    assertTrue(
        w.get(0)
            .equals(
                "a worker of cpus=8.0 mem=512.0 MB disk=1024.0 MB fits no agent offered so far"
                    + " (the largest: cpus=4.0 mem=4096.0 MB disk=10000.0 MB) — lower"
                    + " --cores/--memory/--disk, or add larger agents"),
        w.get(0));
    offers(offer("o2", 4, 4096));
    assertEquals(List.of(), scheduler.warnings());
    assertEquals(2, scheduler.active());
  }

  @Test
  void updates_acknowledgedOnce_terminalReaped_withExitCode() {
    scheduler.handle(new LauncherInput.Submit(new WorkerId(1), task(1)));
    scheduler.handle(new LauncherInput.Submit(new WorkerId(2), task(1)));
    subscribe();
    List<TaskInfo> tasks = launched(offers(offer("o1", 4, 4096)));
    Bytes u1 = Bytes.ofUtf8("u1");
    assertEquals(
        List.of(new Call.Acknowledge(AGENT, tasks.get(0).taskId(), u1)),
        update(tasks.get(0).taskId(), TaskState.TASK_RUNNING, u1, null));
    Bytes u2 = Bytes.ofUtf8("u2");
    update(tasks.get(0).taskId(), TaskState.TASK_FAILED, u2, "Command exited with status 3");
    assertEquals(1, update(tasks.get(0).taskId(), TaskState.TASK_FAILED, u2, null).size());
    update(tasks.get(1).taskId(), TaskState.TASK_LOST, null, "agent removed");
    assertEquals(
        List.of(new WorkerExit(new WorkerId(1), 3), new WorkerExit(new WorkerId(2), -1)),
        scheduler.reap());
    assertEquals(0, scheduler.active());
    assertEquals(List.of(), scheduler.reap());
  }

  @Test
  void unreachable_isKilledAndReaped_unknownRunningTaskIsKilled() {
    scheduler.handle(new LauncherInput.Submit(new WorkerId(1), task(1)));
    subscribe();
    TaskId t = launched(offers(offer("o1", 4, 4096))).get(0).taskId();
    List<Call> calls = update(t, TaskState.TASK_UNREACHABLE, null, null);
    assertEquals(List.of(new Call.Kill(t, AGENT)), calls);
    assertEquals(-1, scheduler.reap().get(0).exitCode());
    TaskId stranger = new TaskId("shoal-other-worker-9-0");
    assertEquals(
        List.of(new Call.Kill(stranger, AGENT)),
        update(stranger, TaskState.TASK_RUNNING, null, null));
  }

  @Test
  void remove_killsRunning_dropsPending_andKillIsRepeatedAfterResubscription() {
    scheduler.handle(new LauncherInput.Submit(new WorkerId(1), task(4)));
    subscribe();
    TaskId t = launched(offers(offer("o1", 4, 4096))).get(0).taskId();
    scheduler.handle(new LauncherInput.Submit(new WorkerId(2), task(4)));
    assertEquals(
        List.of(new Call.Kill(t, AGENT)),
        scheduler.handle(new LauncherInput.Remove(new WorkerId(1))));
    assertEquals(List.of(), scheduler.handle(new LauncherInput.Remove(new WorkerId(2))));
    assertEquals(List.of(new WorkerExit(new WorkerId(2), -1)), scheduler.reap());
    scheduler.handle(new LauncherInput.Disconnected("gone"));
    List<Call> again = subscribe();
    assertTrue(again.contains(new Call.Kill(t, AGENT)), again.toString());
    update(t, TaskState.TASK_KILLED, Bytes.ofUtf8("k"), null);
    assertEquals(List.of(new WorkerExit(new WorkerId(1), -1)), scheduler.reap());
  }

  @Test
  void acceptRefused_workersWaitAgain_andLaunchOnTheNextOffer() {
    scheduler.handle(new LauncherInput.Submit(new WorkerId(1), task(1)));
    subscribe();
    List<Call> calls = offers(offer("o1", 4, 4096));
    assertInstanceOf(Call.Suppress.class, calls.get(1));
    List<Call> after = scheduler.handle(new LauncherInput.CallFailed(calls.get(0), "503"));
    assertEquals(List.of(new Call.Revive(List.of())), after);
    assertEquals(0, scheduler.running());
    assertEquals(1, launched(offers(offer("o2", 4, 4096))).size());
    assertEquals(2, scheduler.launches());
  }

  @Test
  void close_killsEveryRunningWorker_andEndsWaitingOnes() {
    scheduler.handle(new LauncherInput.Submit(new WorkerId(1), task(4)));
    scheduler.handle(new LauncherInput.Submit(new WorkerId(2), task(4)));
    subscribe();
    TaskId t = launched(offers(offer("o1", 4, 4096))).get(0).taskId();
    assertEquals(List.of(new Call.Kill(t, AGENT)), scheduler.handle(new LauncherInput.Close()));
    assertEquals(List.of(new WorkerExit(new WorkerId(2), -1)), scheduler.reap());
    assertInstanceOf(Call.Decline.class, offers(offer("o2", 4, 4096)).get(0));
    assertEquals(1, scheduler.running());
  }

  @Test
  void workerTask_quotesWordsTheShellWouldSplit() {
    WorkerTask w =
        WorkerTask.of(
            new WorkerRequest(
                List.of("w", "-M", "my proj.*", "-t", "60"),
                new WorkerShape(2, 1000, 2000, 0),
                Map.of("A", "b")),
            OPTIONS);
    assertTrue(w.command().endsWith(" -s . -M 'my proj.*' -t 60"), w.command());
    assertEquals(List.of(2.0, 1000.0, 2000.0), List.of(w.cpus(), w.memMb(), w.diskMb()));
    assertEquals("'it'\\''s'", WorkerTask.quote("it's"));
  }
}

package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Bytes;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.Event;
import dev.shoal.mesos.ExecutorInfo;
import dev.shoal.mesos.FrameworkId;
import dev.shoal.mesos.Offer;
import dev.shoal.mesos.OfferId;
import dev.shoal.mesos.Resource;
import dev.shoal.mesos.TaskId;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.TaskStatus;
import dev.shoal.worker.launch.BundleReports;
import dev.shoal.worker.launch.LaunchBundle;
import dev.shoal.worker.launch.LaunchReport;
import dev.shoal.worker.launch.LaunchSpec;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's decisions, event by event, with a fake clock. */
class SchedulerTest {
  @TempDir Path tmp;
  FileServer server;
  Scheduler scheduler;
  final AtomicLong clock = new AtomicLong(1_000_000);
  static final AgentId AGENT = new AgentId("S0");

  @BeforeEach
  void setUp() throws Exception {
    server = new FileServer(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", 4, Duration.ZERO);
    Path jar = Files.writeString(tmp.resolve("launcher.jar"), "jar");
    MesosOptions o =
        MesosOptions.of(List.of("m:5050"), jar)
            .withDefaults(0.5, 64, 64)
            .withLimits(2, 1.0, Map.of(), 4)
            .withOversizeAfter(Duration.ofSeconds(10));
    scheduler =
        new Scheduler(o, new TaskFiles(server, tmp.resolve("staging"), o), clock::get, "r", false);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private TaskSpec task(long id) {
    return new TaskSpec(
        new dev.shoal.engine.spi.TaskId(id),
        (int) id,
        "true",
        tmp,
        List.of(),
        List.of(FileRef.of("out" + id)),
        Map.of(),
        Resources.NONE,
        "default",
        null);
  }

  private static Offer offer(String id, double cpus) {
    return new Offer(
        new OfferId(id),
        new FrameworkId("FW"),
        AGENT,
        "agent0",
        List.of(Resource.cpus(cpus, "*"), Resource.mem(4096, "*"), Resource.disk(4096, "*")),
        List.of());
  }

  private List<Effect> mesos(Event e) {
    return scheduler.handle(new Input.FromMesos(e));
  }

  private List<Call> calls(List<Effect> effects) {
    return effects.stream()
        .filter(Effect.Send.class::isInstance)
        .map(e -> ((Effect.Send) e).call())
        .toList();
  }

  private List<BackendEvent> posts(List<Effect> effects) {
    return effects.stream()
        .filter(Effect.Post.class::isInstance)
        .map(e -> ((Effect.Post) e).event())
        .toList();
  }

  private static TaskStatus status(TaskId id, TaskState state, Bytes uuid) {
    return fromExecutor(id, state, null, uuid, null);
  }

  /** An update the executor sent about {@code id} on {@link #AGENT}. */
  private static TaskStatus fromExecutor(
      TaskId id, TaskState state, String message, Bytes uuid, Bytes data) {
    return new TaskStatus(
        id, state, TaskStatus.Source.SOURCE_EXECUTOR, null, message, AGENT, null, uuid, data, 0);
  }

  @Test
  void subscribed_savesIdReconcilesAndSuppressesWhenIdle() {
    List<Effect> e = mesos(new Event.Subscribed(new FrameworkId("FW"), 15));
    assertEquals(new Effect.SaveFrameworkId(new FrameworkId("FW")), e.getFirst());
    assertEquals(List.of(new Call.Reconcile(List.of()), new Call.Suppress(List.of())), calls(e));
    assertEquals(
        List.of(new Call.Revive(List.of())), calls(scheduler.handle(new Input.Submit(task(1)))));
  }

  @Test
  void offer_packsUpToThePerAgentCap_andLaunchesInOneAccept() {
    mesos(new Event.Subscribed(new FrameworkId("FW"), 15));
    for (long i = 1; i <= 3; i++) {
      scheduler.handle(new Input.Submit(task(i)));
    }
    List<Call> c = calls(mesos(new Event.Offers(List.of(offer("O1", 4)))));
    Call.Accept accept = assertInstanceOf(Call.Accept.class, c.getFirst());
    assertEquals(2, ((Call.Launch) accept.operations().getFirst()).tasks().size());
    assertEquals(1, c.size(), "one task still waits: no SUPPRESS");
  }

  /** Subscribes, submits task 1 and answers an offer: the ACCEPT that launches it. */
  private Call.Accept subscribeAndLaunchOne() {
    mesos(new Event.Subscribed(new FrameworkId("FW"), 15));
    scheduler.handle(new Input.Submit(task(1)));
    return assertInstanceOf(
        Call.Accept.class, calls(mesos(new Event.Offers(List.of(offer("O1", 4))))).getFirst());
  }

  private static TaskId launchedId(Call.Accept accept) {
    return ((Call.Launch) accept.operations().getFirst()).tasks().getFirst().taskId();
  }

  @Test
  void acceptWithoutAnswer_isReconciled_notRequeued_untilTheMasterSaysItIsLost() {
    Call.Accept accept = subscribeAndLaunchOne();
    TaskId id = launchedId(accept);

    List<Effect> e = scheduler.handle(new Input.CallFailed(accept, 0, "read timed out"));
    assertEquals(List.of(new Call.Reconcile(List.of(new Call.TaskRef(id, AGENT)))), calls(e));
    assertEquals(List.of(), posts(e));
    assertEquals(
        List.of(),
        calls(mesos(new Event.Offers(List.of(offer("O2", 4))))).stream()
            .filter(Call.Accept.class::isInstance)
            .toList(),
        "the task may run: it is not launched again");

    TaskStatus lost =
        new TaskStatus(
            id,
            TaskState.TASK_LOST,
            TaskStatus.Source.SOURCE_MASTER,
            TaskStatus.Reason.REASON_RECONCILIATION,
            "unknown",
            AGENT,
            null,
            null,
            null,
            0);
    assertEquals(List.of(new Call.Revive(List.of())), calls(mesos(new Event.Update(lost))));
    Call.Accept again =
        assertInstanceOf(
            Call.Accept.class, calls(mesos(new Event.Offers(List.of(offer("O3", 4))))).getFirst());
    assertEquals(1, ((Call.Launch) again.operations().getFirst()).tasks().size());
  }

  @Test
  void finishedFromReconciliation_waitsForTheExecutorsOwnUpdate() {
    Call.Accept accept = subscribeAndLaunchOne();
    TaskId id = launchedId(accept);
    TaskStatus fromMaster =
        new TaskStatus(
            id,
            TaskState.TASK_FINISHED,
            TaskStatus.Source.SOURCE_MASTER,
            TaskStatus.Reason.REASON_RECONCILIATION,
            "Reconciliation: Latest task state",
            AGENT,
            null,
            null,
            null,
            0);

    List<Effect> e = mesos(new Event.Update(fromMaster));

    assertEquals(List.of(), posts(e), "no report in it: the task is not ended, nor requeued");
    assertEquals(List.of(), calls(e));
    assertEquals(1, scheduler.outstanding());
    TaskStatus fromExecutor =
        fromExecutor(
            id, TaskState.TASK_FAILED, "Command exited with status 3", Bytes.randomUuid(), null);
    List<BackendEvent> ended = posts(mesos(new Event.Update(fromExecutor)));
    assertTrue(
        ended.stream().anyMatch(BackendEvent.Finished.class::isInstance),
        "the executor's own update ends it: " + ended);
    assertEquals(0, scheduler.outstanding());
  }

  @Test
  void acceptRefused_isRequeuedAtOnce() {
    Call.Accept accept = subscribeAndLaunchOne();

    List<Effect> e = scheduler.handle(new Input.CallFailed(accept, 403, "stream gone"));
    assertEquals(List.of(new Call.Revive(List.of())), calls(e));
  }

  /** A scheduler with the Shoal executor chosen by {@code choice} and room for 8 per agent. */
  private Scheduler withExecutor(ExecutorChoice choice) throws Exception {
    MesosOptions o =
        MesosOptions.of(List.of("m:5050"), tmp.resolve("launcher.jar"))
            .withDefaults(0.5, 64, 64)
            .withLimits(8, 1.0, Map.of(), 4)
            .withExecutor(choice);
    Scheduler s =
        new Scheduler(o, new TaskFiles(server, tmp.resolve("staging"), o), clock::get, "r", false);
    s.handle(new Input.FromMesos(new Event.Subscribed(new FrameworkId("FW"), 15)));
    return s;
  }

  private List<TaskInfo> launched(Scheduler s, String offerId, double cpus) {
    List<Call> c =
        calls(s.handle(new Input.FromMesos(new Event.Offers(List.of(offer(offerId, cpus))))));
    return c.getFirst() instanceof Call.Accept a
        ? ((Call.Launch) a.operations().getFirst()).tasks()
        : List.of();
  }

  @Test
  void shoalExecutor_resourcesTakenFromTheFirstOfferOnly_untilItFails() throws Exception {
    Scheduler s = withExecutor(ExecutorChoice.DEFAULT.withMode(ExecutorChoice.Mode.SHOAL));
    s.handle(new Input.Submit(task(1)));
    assertEquals(List.of(), launched(s, "O0", 0.55), "0.5 for the task + 0.1 for the executor");
    List<TaskInfo> first = launched(s, "O1", 4);
    assertEquals(1, first.size());
    ExecutorInfo executor = first.getFirst().executor();
    assertNotNull(executor, "launched onto the Shoal executor");
    assertEquals(null, first.getFirst().command());
    assertTrue(executor.command().value().contains("ShoalExecutor"), executor.command().value());
    assertTrue(executor.command().uris().getFirst().cache(), "the jar through the fetcher cache");
    LaunchSpec spec = LaunchSpec.parse(first.getFirst().data().utf8());
    assertEquals(task(1).command(), spec.command(), "the launch spec is the task's data");
    assertEquals("", spec.reportUrl(), "the executor sends the report in its update: no URL");

    s.handle(new Input.Submit(task(2)));
    List<TaskInfo> second = launched(s, "O2", 0.5); // the executor runs: the task alone fits
    assertEquals(1, second.size());
    assertEquals(executor, second.getFirst().executor(), "the same ExecutorInfo on an agent");

    s.handle(new Input.FromMesos(new Event.Failure(AGENT, executor.executorId(), 137)));
    s.handle(new Input.Submit(task(3)));
    assertEquals(List.of(), launched(s, "O3", 0.5), "a new executor needs its own resources");
    assertEquals(1, launched(s, "O4", 0.6).size());
  }

  @Test
  void longCategory_goesThroughTheCommandExecutor() throws Exception {
    Scheduler s = withExecutor(ExecutorChoice.DEFAULT.withLongCategories(java.util.Set.of("long")));
    TaskSpec t = task(1);
    s.handle(
        new Input.Submit(
            new TaskSpec(
                t.id(),
                t.ruleId(),
                t.command(),
                t.workDir(),
                t.inputs(),
                t.outputs(),
                t.environment(),
                t.allocation(),
                "long",
                null)));
    s.handle(new Input.Submit(task(2)));
    List<TaskInfo> tasks = launched(s, "O1", 2);
    assertEquals(2, tasks.size());
    assertNotNull(tasks.get(0).command(), "category long: the command executor");
    assertTrue(tasks.get(0).command().value().contains("TaskLauncher"));
    assertNotNull(tasks.get(1).executor(), "category default: the Shoal executor");
  }

  /**
   * The Shoal executor sends no TASK_RUNNING for a task that ends at once, and its report as the
   * terminal update's data: the engine still hears Started, then the report's outcome.
   */
  @Test
  void finishedWithoutRunning_postsStartedThenTheReportInTheUpdate() throws Exception {
    mesos(new Event.Subscribed(new FrameworkId("FW"), 15));
    scheduler.handle(new Input.Submit(task(1)));
    Call.Accept a =
        (Call.Accept) calls(mesos(new Event.Offers(List.of(offer("O1", 1))))).getFirst();
    TaskId id = ((Call.Launch) a.operations().getFirst()).tasks().getFirst().taskId();
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    Files.writeString(staging.resolve(id.value() + ".out-0"), "made");
    String report =
        new dev.shoal.worker.launch.LaunchReport(
                dev.shoal.worker.launch.LaunchReport.Outcome.EXITED, 7, 0, "exited with 7", "")
            .toJson();

    List<Effect> end =
        mesos(
            new Event.Update(
                fromExecutor(
                    id,
                    TaskState.TASK_FAILED,
                    "Command exited with status 7",
                    Bytes.randomUuid(),
                    Bytes.ofUtf8(report))));

    List<BackendEvent> posted = posts(end);
    assertInstanceOf(BackendEvent.Started.class, posted.get(0));
    BackendEvent.Finished f = assertInstanceOf(BackendEvent.Finished.class, posted.get(1));
    assertEquals(7, f.result().exitCode());
    assertEquals("exited with 7", f.result().message());
  }

  @Test
  void update_isAcknowledgedEachTime_butActedOnOnce() {
    mesos(new Event.Subscribed(new FrameworkId("FW"), 15));
    scheduler.handle(new Input.Submit(task(1)));
    Call.Accept a =
        (Call.Accept) calls(mesos(new Event.Offers(List.of(offer("O1", 1))))).getFirst();
    TaskId id = ((Call.Launch) a.operations().getFirst()).tasks().getFirst().taskId();
    Bytes uuid = Bytes.randomUuid();

    List<Effect> first = mesos(new Event.Update(status(id, TaskState.TASK_RUNNING, uuid)));
    List<Effect> again = mesos(new Event.Update(status(id, TaskState.TASK_RUNNING, uuid)));

    assertEquals(List.of(new Call.Acknowledge(AGENT, id, uuid)), calls(first));
    assertInstanceOf(BackendEvent.Started.class, posts(first).getFirst());
    assertEquals(List.of(new Call.Acknowledge(AGENT, id, uuid)), calls(again));
    assertEquals(List.of(), posts(again));
  }

  @Test
  void lostTask_isRequeuedThenFailsAfterTheRetryBudget() {
    mesos(new Event.Subscribed(new FrameworkId("FW"), 15));
    scheduler.handle(new Input.Submit(task(1)));
    List<BackendEvent> finished = List.of();
    for (int attempt = 0; attempt <= 3; attempt++) {
      Call.Accept a =
          (Call.Accept) calls(mesos(new Event.Offers(List.of(offer("O" + attempt, 1))))).getFirst();
      TaskId id = ((Call.Launch) a.operations().getFirst()).tasks().getFirst().taskId();
      assertTrue(id.value().endsWith("-" + attempt), id.value());
      finished = posts(mesos(new Event.Update(status(id, TaskState.TASK_LOST, null))));
    }
    BackendEvent.Finished f = assertInstanceOf(BackendEvent.Finished.class, finished.getFirst());
    assertEquals(TaskResult.Outcome.BACKEND_ERROR, f.result().outcome());
    assertTrue(f.result().message().contains("4 times"), f.result().message());
    assertEquals(0, scheduler.outstanding());
  }

  @Test
  void cancel_ofAWaitingTask_finishesItWithoutMesos() {
    mesos(new Event.Subscribed(new FrameworkId("FW"), 15));
    scheduler.handle(new Input.Submit(task(1)));
    List<Effect> e = scheduler.handle(new Input.Cancel(new dev.shoal.engine.spi.TaskId(1)));
    BackendEvent.Finished f = assertInstanceOf(BackendEvent.Finished.class, posts(e).getFirst());
    assertEquals(TaskResult.Outcome.CANCELLED, f.result().outcome());
    assertEquals(List.of(), calls(e));
  }

  @Test
  void updateOfAnUnknownRunningTask_killsIt() {
    mesos(new Event.Subscribed(new FrameworkId("FW"), 15));
    TaskId stale = new TaskId("shoal-old-7-0");
    List<Call> c = calls(mesos(new Event.Update(status(stale, TaskState.TASK_RUNNING, null))));
    assertEquals(List.of(new Call.Kill(stale, AGENT)), c);
  }

  @Test
  void oversizedTask_failsAfterTheDeadline_namingTheLargestAgent() {
    mesos(new Event.Subscribed(new FrameworkId("FW"), 15));
    TaskSpec big = task(1);
    big =
        new TaskSpec(
            big.id(),
            1,
            "true",
            tmp,
            List.of(),
            List.of(),
            Map.of(),
            new Resources(16, -1, -1, -1, -1, -1),
            "default",
            null);
    scheduler.handle(new Input.Submit(big));
    List<Call> c = calls(mesos(new Event.Offers(List.of(offer("O1", 2)))));
    assertInstanceOf(Call.Decline.class, c.getFirst());
    assertEquals(List.of(), posts(scheduler.handle(new Input.Tick())), "not before the deadline");

    clock.addAndGet(11_000_000);
    List<BackendEvent> p = posts(scheduler.handle(new Input.Tick()));

    BackendEvent.Finished f = assertInstanceOf(BackendEvent.Finished.class, p.getFirst());
    assertEquals(TaskResult.Outcome.BACKEND_ERROR, f.result().outcome());
    assertTrue(f.result().message().contains("cpus=16.00"), f.result().message());
    assertTrue(f.result().message().contains("cpus=2.00 mem=4096 MB disk=4096 MB (agent S0)"));
  }

  private TaskSpec bare(long id) {
    return new TaskSpec(
        new dev.shoal.engine.spi.TaskId(id),
        (int) id,
        "true",
        tmp,
        List.of(),
        List.of(),
        Map.of(),
        Resources.NONE,
        "short",
        null);
  }

  private static Bytes reports(Map<Integer, LaunchReport> m) {
    return Bytes.ofUtf8(new BundleReports(m).toJson());
  }

  private static LaunchReport exited(int code) {
    return new LaunchReport(LaunchReport.Outcome.EXITED, code, 0, "", "");
  }

  private static List<String> ends(List<BackendEvent> posts) {
    return posts.stream()
        .map(
            p ->
                switch (p) {
                  case BackendEvent.Started st -> "start " + st.taskId().value();
                  case BackendEvent.Finished f ->
                      f.taskId().value() + " " + f.result().outcome() + " " + f.result().exitCode();
                })
        .toList();
  }

  @Test
  void bundle_membersEndAsReported_loss_requeuesOnlyTheUnreported_cancelOfAllKills()
      throws Exception {
    Scheduler s =
        withExecutor(
            ExecutorChoice.DEFAULT
                .withMode(ExecutorChoice.Mode.SHOAL)
                .withBundling(new Bundling(8, 1, 5.0, 10.0)));
    s.handle(new Input.Submit(bare(1)));
    TaskInfo first = launched(s, "O1", 0.6).getFirst(); // 0.5 + the executor's 0.1: one slot
    clock.addAndGet(50_000);
    TaskStatus done =
        fromExecutor(
            first.taskId(),
            TaskState.TASK_FINISHED,
            null,
            Bytes.ofUtf8("u1"),
            Bytes.ofUtf8(exited(0).toJson()));
    assertEquals(
        List.of("start 1", "1 EXITED 0"),
        ends(posts(s.handle(new Input.FromMesos(new Event.Update(done))))));

    for (long id = 2; id <= 7; id++) {
      s.handle(new Input.Submit(bare(id)));
    }
    TaskInfo bundle = launched(s, "O2", 0.6).getFirst();
    assertEquals(6, LaunchBundle.parse(bundle.data().utf8()).members().size());
    assertTrue(bundle.taskId().value().endsWith("-b6"), bundle.taskId().value());
    assertEquals(0.5, bundle.resources().getFirst().value(), 1e-9, "one member's cpus");

    TaskStatus running =
        fromExecutor(
            bundle.taskId(),
            TaskState.TASK_RUNNING,
            null,
            Bytes.ofUtf8("u2"),
            reports(Map.of(0, exited(0))));
    assertEquals(
        List.of("start 2", "2 EXITED 0"),
        ends(posts(s.handle(new Input.FromMesos(new Event.Update(running))))));
    TaskStatus again =
        fromExecutor(
            bundle.taskId(),
            TaskState.TASK_RUNNING,
            null,
            Bytes.ofUtf8("u3"),
            reports(Map.of(0, exited(0), 1, exited(3))));
    assertEquals(
        List.of("start 3", "3 EXITED 3"),
        ends(posts(s.handle(new Input.FromMesos(new Event.Update(again))))),
        "a member reported twice ends once; a failing member beside succeeding ones");
    assertEquals(
        List.of(),
        calls(s.handle(new Input.Cancel(new dev.shoal.engine.spi.TaskId(4)))),
        "no KILL while other members are wanted");

    TaskStatus lost =
        new TaskStatus(
            bundle.taskId(),
            TaskState.TASK_LOST,
            TaskStatus.Source.SOURCE_MASTER,
            TaskStatus.Reason.REASON_AGENT_REMOVED,
            "agent removed",
            AGENT,
            null,
            null,
            null,
            0);
    assertEquals(
        List.of("4 CANCELLED -1"),
        ends(posts(s.handle(new Input.FromMesos(new Event.Update(lost))))),
        "members 5-7 requeued, not ended");
    TaskInfo rerun = launched(s, "O3", 0.6).getFirst();
    assertEquals(
        List.of("true", "true", "true"),
        LaunchBundle.parse(rerun.data().utf8()).members().stream()
            .map(LaunchSpec::command)
            .toList());
    assertTrue(rerun.taskId().value().contains("-5-1-b3"), rerun.taskId().value());
    s.handle(new Input.Cancel(new dev.shoal.engine.spi.TaskId(5)));
    s.handle(new Input.Cancel(new dev.shoal.engine.spi.TaskId(6)));
    assertEquals(
        List.of(new Call.Kill(rerun.taskId(), AGENT)),
        calls(s.handle(new Input.Cancel(new dev.shoal.engine.spi.TaskId(7)))),
        "the bundle is killed once all its open members are cancelled");
  }
}

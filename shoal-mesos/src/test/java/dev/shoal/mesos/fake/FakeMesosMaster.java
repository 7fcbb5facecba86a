package dev.shoal.mesos.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Bytes;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.Event;
import dev.shoal.mesos.ExecutorCall;
import dev.shoal.mesos.ExecutorEvent;
import dev.shoal.mesos.ExecutorId;
import dev.shoal.mesos.ExecutorInfo;
import dev.shoal.mesos.FrameworkId;
import dev.shoal.mesos.FrameworkInfo;
import dev.shoal.mesos.MesosFormatException;
import dev.shoal.mesos.MesosJson;
import dev.shoal.mesos.Offer;
import dev.shoal.mesos.OfferId;
import dev.shoal.mesos.Resource;
import dev.shoal.mesos.TaskId;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.TaskStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An in-process Mesos master with simulated agents, speaking the v1 scheduler HTTP API on
 * 127.0.0.1: a RecordIO event stream with {@code Mesos-Stream-Id}, 400/403 for calls without a
 * valid stream, offers per agent with resources accounted, refusal filters on an injected clock,
 * SUPPRESS/REVIVE, tasks run for real by {@link CommandRun}, status updates with uuids resent until
 * acknowledged, KILL, RECONCILE, agent loss, rescinds, dropped streams, TEARDOWN. Every call body
 * it receives and every event it sends is checked against the Mesos protobuf schema by {@code
 * schemaCheck}; failures are kept in {@link #protocolErrors()} for the test to assert empty.
 *
 * <p>One framework at a time. Thread-safe: state is guarded by {@code this}; HTTP handlers, the
 * timer (heartbeats, resends, allocation) and task threads all take the lock.
 */
public final class FakeMesosMaster implements AutoCloseable {
  /** Checks JSON against the schema; throws AssertionError when it is not valid. */
  public interface SchemaCheck {
    void call(String json);

    void event(String json);

    void executorCall(String json);

    void executorEvent(String json);
  }

  /**
   * The allocation runs' period, as a master started with {@code --allocation_interval=20ms}
   * (Mesos' default is 1 s). As in Mesos, resources freed by a task that ended or left by an ACCEPT
   * are offered at the next run, never at once (the hierarchical allocator's {@code
   * recoverResources} does not allocate, MESOS-3078); a new agent, a subscription and a REVIVE
   * allocate at once.
   */
  static final Duration ALLOCATION_INTERVAL = Duration.ofMillis(20);

  private final Clock clock;
  private final Path workDir;
  private final SchemaCheck schema;
  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final Map<dev.shoal.mesos.AgentId, FakeAgent> agents = new LinkedHashMap<>();
  private final OfferBook book;
  private final Map<TaskId, FakeTask> tasks = new LinkedHashMap<>();
  private final List<FrameworkId> removed = new ArrayList<>();
  private final java.util.Set<Bytes> acknowledgedTerminal = new java.util.HashSet<>();
  private final List<String> protocolErrors = new CopyOnWriteArrayList<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<FrameworkId> subscribedIds = new CopyOnWriteArrayList<>();
  private final Map<AgentId, Integer> executorStarts = new LinkedHashMap<>();
  private final List<FakeExecutor> everyExecutor = new ArrayList<>();
  private final List<TaskInfo> containerTasks = new CopyOnWriteArrayList<>();
  private final List<CommandRun> killedRuns = new ArrayList<>();
  private final double heartbeatSeconds;
  private final long resendNanos;

  private FrameworkId frameworkId;
  private FrameworkInfo framework;
  private EventStream subscriber;
  private boolean heartbeatsPaused;
  private int nextId;
  private int resends;
  private boolean rescindBeforeAccept;
  private int rescinded;

  /**
   * @param heartbeat interval of HEARTBEAT events (real time)
   * @param resend how long an unacknowledged update waits before it is sent again (real time)
   */
  public FakeMesosMaster(
      Clock clock, Path workDir, SchemaCheck schema, Duration heartbeat, Duration resend)
      throws IOException {
    this.clock = clock;
    this.workDir = workDir;
    this.schema = schema;
    this.heartbeatSeconds = heartbeat.toMillis() / 1000.0;
    this.resendNanos = resend.toNanos();
    this.book = new OfferBook(agents, clock);
    // As the engine's file server does, and before any server of this JVM exists: the JDK reads
    // the option once.
    dev.shoal.mesos.backend.FileServer.preferNoDelay();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(handlers);
    server.createContext("/api/v1/scheduler", this::handle);
    server.start();
    timer.scheduleAtFixedRate(
        this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(
        this::tick,
        ALLOCATION_INTERVAL.toMillis(),
        ALLOCATION_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** {@code host:port} to connect to. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds an agent with {@code cpus}, {@code mem} and {@code disk} (MB) and returns its id. */
  public synchronized AgentId addAgent(double cpus, double mem, double disk) {
    AgentId id = new AgentId("S" + agents.size());
    agents.put(
        id,
        new FakeAgent(
            id,
            "agent" + agents.size() + ".local",
            Map.of(Resource.CPUS, cpus, Resource.MEM, mem, Resource.DISK, disk)));
    allocate();
    return id;
  }

  /** Problems found in what the scheduler sent or what this master sent; empty when all is well. */
  public List<String> protocolErrors() {
    return List.copyOf(protocolErrors);
  }

  /** The type of every call received, in order ("SUBSCRIBE", "ACCEPT", ...). */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  /** The framework id of every SUBSCRIBED sent, in order (a failover repeats an id). */
  public List<FrameworkId> subscribedIds() {
    return List.copyOf(subscribedIds);
  }

  /** Tasks the master knows that are not terminal. */
  public synchronized int activeTasks() {
    return (int) tasks.values().stream().filter(t -> !t.state.terminal()).count();
  }

  /** The ids of the tasks on {@code agent} that are not terminal. */
  public synchronized List<TaskId> activeTaskIds(AgentId agent) {
    return tasks.values().stream()
        .filter(t -> !t.state.terminal() && t.info.agentId().equals(agent))
        .map(t -> t.info.taskId())
        .toList();
  }

  public synchronized int resends() {
    return resends;
  }

  public synchronized Map<String, Double> used(AgentId agent) {
    return Map.copyOf(agents.get(agent).used);
  }

  public synchronized boolean subscribed() {
    return subscriber != null && !subscriber.closed;
  }

  /** Stops HEARTBEAT events (the stream stays open): the scheduler must notice the silence. */
  public synchronized void pauseHeartbeats(boolean paused) {
    heartbeatsPaused = paused;
  }

  /** Closes the event stream as a network failure would; the framework stays registered. */
  public synchronized void dropStream() {
    if (subscriber != null) {
      subscriber.close();
      subscriber = null;
    }
  }

  /** Rescinds every outstanding offer of {@code agent}. */
  public synchronized void rescindOffers(AgentId agent) {
    for (Offer o : book.of(agent)) {
      book.withdraw(o);
      send(new Event.Rescind(o.id()));
    }
  }

  /**
   * The race of a rescind and an ACCEPT: the next ACCEPT finds its offers rescinded just before it
   * arrived (RESCIND sent, tasks answered TASK_LOST with REASON_INVALID_OFFERS).
   */
  public synchronized void rescindBeforeNextAccept() {
    rescindBeforeAccept = true;
  }

  /** Offers rescinded by {@link #rescindBeforeNextAccept} so far. */
  public synchronized int rescinded() {
    return rescinded;
  }

  /**
   * Every task launched with a {@link dev.shoal.mesos.ContainerInfo}, in launch order: which
   * containerizer and image each asked for. Those tasks ran in their image with real Docker.
   */
  public List<TaskInfo> containerTasks() {
    return List.copyOf(containerTasks);
  }

  /** Files left in the agents' sandboxes (challenge 4: there should be none). */
  public List<Path> sandboxFiles() throws IOException {
    if (!java.nio.file.Files.exists(workDir)) {
      return List.of();
    }
    try (var all = java.nio.file.Files.walk(workDir)) {
      return all.filter(java.nio.file.Files::isRegularFile).toList();
    }
  }

  /** The agent disappears: its tasks are lost (or unreachable for PARTITION_AWARE frameworks). */
  public synchronized void loseAgent(AgentId agent) {
    FakeAgent a = agents.get(agent);
    a.lost = true;
    for (Offer o : book.of(agent)) {
      book.withdraw(o);
      send(new Event.Rescind(o.id()));
    }
    boolean partitionAware = framework != null && framework.hasCapability("PARTITION_AWARE");
    for (FakeTask t : List.copyOf(tasks.values())) {
      if (t.agentId.equals(agent)) {
        if (t.run != null) {
          t.run.kill();
          killedRuns.add(t.run);
        }
        tasks.remove(t.info.taskId());
        TaskState state = partitionAware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST;
        send(
            new Event.Update(
                masterStatus(
                    t.info.taskId(), state, TaskStatus.Reason.REASON_AGENT_REMOVED, agent)));
      }
    }
    for (FakeExecutor e : List.copyOf(a.executors.values())) {
      e.shutdownSent = true; // it goes with its agent; no FAILURE of its own
      e.destroy();
    }
    send(new Event.Failure(agent, null, null));
  }

  @Override
  public void close() {
    synchronized (this) {
      shutdownExecutors();
    }
    try {
      awaitExecutorsExited(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    allExecutors().forEach(FakeExecutor::destroy);
    timer.shutdownNow();
    List<CommandRun> toAwait;
    synchronized (this) {
      for (FakeAgent a : agents.values()) {
        if (a.endpoint != null) {
          a.endpoint.stop(0);
        }
      }
      for (FakeTask t : tasks.values()) {
        if (t.run != null) {
          t.run.kill();
          killedRuns.add(t.run);
        }
      }
      dropStream();
      toAwait = List.copyOf(killedRuns);
    }
    for (CommandRun r : toAwait) {
      try {
        r.awaitKilled(Duration.ofSeconds(20)); // no container outlives the test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    server.stop(0);
    handlers.shutdownNow();
  }

  // ---- HTTP ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST")) {
        reply(ex, 405, "Expecting 'POST', received '" + ex.getRequestMethod() + "'");
        return;
      }
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      try {
        schema.call(body);
      } catch (AssertionError e) {
        protocolErrors.add("call: " + e.getMessage());
        reply(ex, 400, "Failed to validate scheduler::Call: " + e.getMessage());
        return;
      }
      MesosJson.SchedulerCall call;
      try {
        call = MesosJson.decodeCall(body.getBytes(StandardCharsets.UTF_8));
      } catch (MesosFormatException e) {
        reply(ex, 400, "Failed to parse body into Call: " + e.getMessage());
        return;
      }
      calls.add(typeOf(call.call()));
      if (call.call() instanceof Call.Subscribe s) {
        subscribe(ex, s);
        return;
      }
      String streamId = ex.getRequestHeaders().getFirst("Mesos-Stream-Id");
      String refusal;
      synchronized (this) {
        if (streamId == null) {
          refusal = "400 All non-subscribe calls should include the 'Mesos-Stream-Id' header";
        } else if (subscriber == null
            || subscriber.closed
            || !call.frameworkId().equals(frameworkId)) {
          refusal = "403 Framework cannot be found or is not subscribed";
        } else if (!streamId.equals(subscriber.streamId)) {
          refusal =
              "400 The stream ID '"
                  + streamId
                  + "' included in this request didn't match the stream ID currently associated with framework ID "
                  + frameworkId;
        } else {
          refusal = null;
          dispatch(call.call());
        }
      }
      if (refusal != null) {
        reply(ex, Integer.parseInt(refusal.substring(0, 3)), refusal.substring(4));
      } else {
        ex.sendResponseHeaders(202, -1);
      }
    }
  }

  private static void reply(HttpExchange ex, int status, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private void subscribe(HttpExchange ex, Call.Subscribe s) throws IOException {
    EventStream sub;
    synchronized (this) {
      FrameworkId asked = s.framework().id();
      if (asked != null && removed.contains(asked)) {
        ex.getResponseHeaders().set("Mesos-Stream-Id", java.util.UUID.randomUUID().toString());
        ex.sendResponseHeaders(200, 0);
        sub = new EventStream(ex, "removed");
        sub.write(event(new Event.Error("Framework has been removed")));
        return;
      }
      if (subscriber != null) {
        // Only one subscription per framework: the old stream is told and closed (failover).
        subscriber.write(event(new Event.Error("Framework failed over")));
        subscriber.close();
      }
      // Offers made to an earlier connection are rescinded, their resources offered again: Mesos
      // rescinds a framework's offers when it disconnects or fails over. Without this, offers
      // held by a killed engine kept their agents from ever being offered to its successor.
      book.clear();
      if (asked == null || !asked.equals(frameworkId)) {
        frameworkId = asked != null ? asked : new FrameworkId("FW-" + nextId++);
      }
      framework = s.framework().withId(frameworkId);
      subscribedIds.add(frameworkId);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.getResponseHeaders().set("Mesos-Stream-Id", java.util.UUID.randomUUID().toString());
      ex.sendResponseHeaders(200, 0);
      sub = new EventStream(ex, ex.getResponseHeaders().getFirst("Mesos-Stream-Id"));
      subscriber = sub;
      book.suppress(!s.suppressedRoles().isEmpty());
      send(new Event.Subscribed(frameworkId, heartbeatSeconds));
      for (FakeTask t : tasks.values()) {
        if (!t.unacknowledged.isEmpty()) {
          sendHead(t);
        }
      }
      allocate();
    }
    sub.awaitClosed();
  }

  // ---- calls ----

  private void dispatch(Call call) {
    switch (call) {
      case Call.Subscribe s -> throw new IllegalStateException("handled before");
      case Call.Teardown t -> teardown();
      case Call.Accept a -> accept(a);
      case Call.Decline d -> book.decline(d.offerIds(), d.filters().refuseSeconds());
      case Call.Revive r -> {
        book.revive();
        allocate();
      }
      case Call.Suppress s -> book.suppress(true);
      case Call.Kill k -> kill(k.taskId());
      case Call.Shutdown s -> {}
      case Call.Acknowledge a -> acknowledge(a);
      case Call.Reconcile r -> reconcile(r);
      case Call.Message m -> {}
    }
  }

  private void teardown() {
    for (FakeTask t : tasks.values()) {
      if (t.run != null) {
        t.run.kill();
        killedRuns.add(t.run);
      }
      if (!t.resourcesFreed) {
        FakeAgent.add(agents.get(t.agentId).used, t.resources, -1);
      }
    }
    tasks.clear();
    book.clear();
    shutdownExecutors();
    removed.add(frameworkId);
    frameworkId = null;
    framework = null;
    dropStream();
  }

  private void accept(Call.Accept a) {
    if (rescindBeforeAccept) {
      rescindBeforeAccept = false;
      for (OfferId id : a.offerIds()) {
        Offer o = book.get(id);
        if (o != null) {
          book.withdraw(o);
          send(new Event.Rescind(id));
          rescinded++;
        }
      }
    }
    List<Offer> used = new ArrayList<>();
    String invalid = null;
    for (OfferId id : a.offerIds()) {
      Offer o = book.get(id);
      if (o == null) {
        invalid = "Offer " + id + " is no longer valid";
      } else if (!used.isEmpty() && !used.getFirst().agentId().equals(o.agentId())) {
        invalid = "Aggregated offers must belong to one agent";
      } else {
        used.add(o);
      }
    }
    used.forEach(book::withdraw);
    List<TaskInfo> launches = new ArrayList<>();
    a.operations().forEach(op -> launches.addAll(((Call.Launch) op).tasks()));
    if (invalid != null || used.isEmpty()) {
      for (TaskInfo t : launches) {
        TaskState state =
            framework.hasCapability("PARTITION_AWARE")
                ? TaskState.TASK_DROPPED
                : TaskState.TASK_LOST;
        send(
            new Event.Update(
                masterStatus(
                    t.taskId(),
                    state,
                    TaskStatus.Reason.REASON_INVALID_OFFERS,
                    t.agentId(),
                    invalid)));
      }
      return;
    }
    FakeAgent agent = agents.get(used.getFirst().agentId());
    Map<String, Double> left = new HashMap<>();
    Map<String, String> roles = new HashMap<>();
    for (Offer o : used) {
      FakeAgent.add(left, o.resources(), 1);
      o.resources().forEach(r -> roles.put(r.name(), r.role()));
    }
    for (TaskInfo t : launches) {
      List<Resource> executorResources =
          t.executor() != null && liveExecutor(agent, t.executor().executorId()) == null
              ? t.executor().resources()
              : List.of();
      String problem =
          LaunchCheck.problem(
              t, tasks.containsKey(t.taskId()), agent, left, roles, executorResources);
      if (problem != null) {
        send(
            new Event.Update(
                masterStatus(
                    t.taskId(),
                    TaskState.TASK_ERROR,
                    TaskStatus.Reason.REASON_TASK_INVALID,
                    t.agentId(),
                    problem)));
        continue;
      }
      FakeAgent.add(left, t.resources(), -1);
      FakeAgent.add(agent.used, t.resources(), 1);
      FakeAgent.add(left, executorResources, -1); // held by the executor until it exits
      FakeAgent.add(agent.used, executorResources, 1);
      launch(new FakeTask(t));
    }
    book.refuse(agent, left, a.filters().refuseSeconds());
    // No allocation here: what the ACCEPT left is offered at the next allocation run (tick).
  }

  private void launch(FakeTask task) {
    TaskId id = task.info.taskId();
    tasks.put(id, task);
    if (task.info.container() != null) {
      containerTasks.add(task.info);
    }
    if (task.info.executor() != null) {
      launchOnExecutor(task);
      return;
    }
    Path sandbox = workDir.resolve(task.agentId.value()).resolve(id.value());
    Map<String, String> env =
        Map.of(
            "MESOS_SANDBOX", sandbox.toString(),
            "MESOS_TASK_ID", id.value(),
            "MESOS_FRAMEWORK_ID", frameworkId.value(),
            "MESOS_AGENT_ID", task.agentId.value());
    task.run =
        new CommandRun(
            task.info,
            sandbox,
            env,
            (state, reason, message) -> update(id, state, reason, message));
    Thread.ofPlatform().daemon().name("fake-task-" + id).start(task.run);
  }

  /** An update from the (simulated) command executor: gets a uuid and joins the task's stream. */
  private synchronized void update(
      TaskId id, TaskState state, TaskStatus.Reason reason, String message) {
    FakeTask t = tasks.get(id);
    if (t == null) {
      return; // agent lost or framework torn down: nothing reaches the master any more
    }
    t.state = state;
    if (state.terminal() && !t.resourcesFreed) {
      t.resourcesFreed = true;
      FakeAgent.add(agents.get(t.agentId).used, t.resources, -1); // offered at the next tick
    }
    TaskStatus s =
        new TaskStatus(
            id,
            state,
            TaskStatus.Source.SOURCE_EXECUTOR,
            reason,
            message,
            t.agentId,
            new dev.shoal.mesos.ExecutorId(id.value()),
            Bytes.randomUuid(),
            null,
            now());
    t.unacknowledged.add(s);
    if (t.unacknowledged.size() == 1) {
      sendHead(t);
    }
  }

  private void sendHead(FakeTask t) {
    t.headSentNanos = System.nanoTime();
    send(new Event.Update(t.unacknowledged.getFirst()));
  }

  private void acknowledge(Call.Acknowledge a) {
    FakeTask t = tasks.get(a.taskId());
    if (t == null && acknowledgedTerminal.contains(a.uuid())
        || t != null && t.acknowledged.contains(a.uuid())) {
      return; // a duplicate, e.g. of a resend that crossed the first ACKNOWLEDGE
    }
    FakeAgent from = agents.get(a.agentId());
    if (t == null && from != null && from.lost) {
      return; // an update sent before its agent was lost: Mesos drops the acknowledgement
    }
    if (t == null
        || t.unacknowledged.isEmpty()
        || !t.unacknowledged.getFirst().uuid().equals(a.uuid())) {
      protocolErrors.add("ACKNOWLEDGE of an update that is not pending: " + a);
      return;
    }
    TaskStatus acked = t.unacknowledged.removeFirst();
    t.acknowledged.add(acked.uuid());
    if (t.executor != null && acked.source() == TaskStatus.Source.SOURCE_EXECUTOR) {
      sendExecutor(t.executor, new ExecutorEvent.Acknowledged(a.taskId(), a.uuid()));
    }
    if (!t.unacknowledged.isEmpty()) {
      sendHead(t);
    } else if (acked.state().terminal()) {
      tasks.remove(a.taskId());
      acknowledgedTerminal.add(acked.uuid());
    }
  }

  private void kill(TaskId id) {
    FakeTask t = tasks.get(id);
    if (t == null) {
      send(
          new Event.Update(
              masterStatus(
                  id,
                  unknownState(),
                  TaskStatus.Reason.REASON_RECONCILIATION,
                  null,
                  "Attempted to kill an unknown task")));
    } else if (t.run != null && !t.state.terminal()) {
      t.run.kill();
      killedRuns.add(t.run);
    } else if (t.executor != null && !t.state.terminal()) {
      if (t.executor.pending.remove(t.info)) {
        update(id, TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH, null);
      } else {
        sendExecutor(t.executor, new ExecutorEvent.Kill(id));
      }
    }
  }

  private void reconcile(Call.Reconcile r) {
    if (r.tasks().isEmpty()) {
      for (FakeTask t : tasks.values()) {
        send(
            new Event.Update(
                masterStatus(
                    t.info.taskId(), t.state, TaskStatus.Reason.REASON_RECONCILIATION, t.agentId)));
      }
      return;
    }
    for (Call.TaskRef ref : r.tasks()) {
      FakeTask t = tasks.get(ref.taskId());
      TaskState state = t == null ? unknownState() : t.state;
      send(
          new Event.Update(
              masterStatus(
                  ref.taskId(),
                  state,
                  TaskStatus.Reason.REASON_RECONCILIATION,
                  t == null ? ref.agentId() : t.agentId)));
    }
  }

  private TaskState unknownState() {
    return MasterStatuses.unknown(framework);
  }

  private TaskStatus masterStatus(
      TaskId id, TaskState state, TaskStatus.Reason reason, AgentId agent) {
    return MasterStatuses.of(id, state, reason, agent, null, now());
  }

  private TaskStatus masterStatus(
      TaskId id, TaskState state, TaskStatus.Reason reason, AgentId agent, String message) {
    return MasterStatuses.of(id, state, reason, agent, message, now());
  }

  // ---- allocation and timers ----

  /** Offers each live agent's free resources, unless suppressed or filtered. */
  private void allocate() {
    if (subscriber == null || subscriber.closed) {
      return;
    }
    String role = framework.roles().isEmpty() ? Resource.ANY_ROLE : framework.roles().getFirst();
    List<Offer> made = book.allocate(frameworkId, role, () -> new OfferId("O" + nextId++));
    if (!made.isEmpty()) {
      send(new Event.Offers(made));
    }
  }

  private synchronized void heartbeat() {
    if (!heartbeatsPaused) {
      send(new Event.Heartbeat());
    }
  }

  private synchronized void tick() {
    long nowNanos = System.nanoTime();
    if (subscriber != null && !subscriber.closed) {
      for (FakeTask t : tasks.values()) {
        if (!t.unacknowledged.isEmpty() && nowNanos - t.headSentNanos >= resendNanos) {
          resends++;
          sendHead(t);
        }
      }
    }
    allocate();
  }

  private double now() {
    return clock.millis() / 1000.0;
  }

  private void send(Event e) {
    if (subscriber != null && !subscriber.closed) {
      subscriber.write(event(e));
    }
  }

  private byte[] event(Event e) {
    String json = MesosJson.encodeEvent(e);
    try {
      schema.event(json);
    } catch (AssertionError err) {
      protocolErrors.add("event: " + err.getMessage());
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  // ---- custom executors (the agents' v1 Executor API) ----

  /** How many times an executor was started on each agent. */
  public synchronized Map<AgentId, Integer> executorStarts() {
    return Map.copyOf(executorStarts);
  }

  /** Executors whose process still runs (or is being started), on all agents. */
  public List<Long> executorProcesses() {
    List<Long> pids = new ArrayList<>();
    for (FakeExecutor e : allExecutors()) {
      if (e.alive()) {
        pids.addAll(e.pids());
      }
    }
    return pids;
  }

  /** Waits until every executor has exited; {@code false} when some still run at the deadline. */
  public boolean awaitExecutorsExited(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (FakeExecutor e : allExecutors()) {
      if (!e.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  private synchronized List<FakeExecutor> allExecutors() {
    return List.copyOf(everyExecutor);
  }

  private FakeExecutor liveExecutor(FakeAgent agent, ExecutorId id) {
    FakeExecutor e = agent.executors.get(id);
    return e != null && !e.exited ? e : null;
  }

  /** Hands the task to its executor, starting the executor first if it does not run there. */
  private void launchOnExecutor(FakeTask task) {
    FakeAgent agent = agents.get(task.agentId);
    ExecutorInfo asked = task.info.executor();
    FakeExecutor e = liveExecutor(agent, asked.executorId());
    if (e == null) {
      ExecutorInfo info =
          new ExecutorInfo(
              asked.executorId(),
              frameworkId,
              asked.name(),
              asked.command(),
              asked.resources(),
              asked.container());
      int run = executorStarts.merge(agent.id, 1, Integer::sum);
      Path sandbox =
          workDir
              .resolve(agent.id.value())
              .resolve("executors")
              .resolve(asked.executorId().value())
              .resolve("run-" + run);
      e = new FakeExecutor(agent.id, info, sandbox);
      agent.executors.put(asked.executorId(), e);
      everyExecutor.add(e);
      FakeExecutor started = e;
      e.start(executorEnvironment(agent, e), status -> executorExited(started, status));
    }
    task.executor = e;
    e.tasks.add(task.info.taskId());
    if (e.subscribed) {
      sendExecutor(e, new ExecutorEvent.Launch(task.info));
    } else {
      e.pending.add(task.info);
    }
  }

  /** What a Mesos agent puts in an executor's environment. */
  private Map<String, String> executorEnvironment(FakeAgent agent, FakeExecutor e) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MESOS_AGENT_ENDPOINT", "127.0.0.1:" + endpoint(agent).getAddress().getPort());
    env.put("MESOS_FRAMEWORK_ID", frameworkId.value());
    env.put("MESOS_EXECUTOR_ID", e.info.executorId().value());
    env.put("MESOS_DIRECTORY", e.sandbox.toString());
    env.put("MESOS_SANDBOX", e.sandbox.toString());
    env.put("MESOS_SLAVE_ID", agent.id.value());
    env.put("MESOS_AGENT_ID", agent.id.value());
    env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs");
    env.put("MESOS_CHECKPOINT", framework.checkpoint() ? "1" : "0");
    if (framework.checkpoint()) {
      env.put("MESOS_RECOVERY_TIMEOUT", "15mins");
      env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs");
    }
    return env;
  }

  private HttpServer endpoint(FakeAgent agent) {
    if (agent.endpoint == null) {
      try {
        agent.endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      agent.endpoint.setExecutor(handlers);
      agent.endpoint.createContext("/api/v1/executor", ex -> handleExecutor(agent, ex));
      agent.endpoint.start();
    }
    return agent.endpoint;
  }

  private void handleExecutor(FakeAgent agent, HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST")) {
        reply(ex, 405, "Expecting 'POST', received '" + ex.getRequestMethod() + "'");
        return;
      }
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      try {
        schema.executorCall(body);
      } catch (AssertionError e) {
        protocolErrors.add("executor call: " + e.getMessage());
        reply(ex, 400, "Failed to validate executor::Call: " + e.getMessage());
        return;
      }
      MesosJson.FromExecutor call;
      try {
        call = MesosJson.decodeExecutorCall(body.getBytes(StandardCharsets.UTF_8));
      } catch (MesosFormatException e) {
        reply(ex, 400, "Failed to parse body into Call: " + e.getMessage());
        return;
      }
      EventStream stream;
      synchronized (this) {
        FakeExecutor e = agent.executors.get(call.executorId());
        if (e != null && e.exited && e.shutdownSent) {
          // A call that was on its way when the executor was shut down or went with its lost
          // agent: the executor is gone, nothing to check.
          reply(ex, 400, "Executor " + call.executorId() + " is not running on this agent");
          return;
        }
        if (e == null || e.exited || !call.frameworkId().equals(frameworkId)) {
          protocolErrors.add("call from an executor the agent does not run: " + call);
          reply(ex, 400, "Executor " + call.executorId() + " is not running on this agent");
          return;
        }
        switch (call.call()) {
          case ExecutorCall.Subscribe s -> stream = subscribeExecutor(ex, e, s);
          case ExecutorCall.Update u -> {
            stream = null;
            if (!e.subscribed) {
              reply(ex, 403, "Executor is not subscribed");
              return;
            }
            executorUpdate(e, u.status());
          }
          case ExecutorCall.Message m -> stream = null;
        }
      }
      if (stream != null) {
        stream.awaitClosed();
      } else {
        ex.sendResponseHeaders(202, -1);
      }
    }
  }

  private EventStream subscribeExecutor(HttpExchange ex, FakeExecutor e, ExecutorCall.Subscribe s)
      throws IOException {
    if (e.stream != null) {
      e.stream.close();
    }
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, 0);
    e.stream = new EventStream(ex, null);
    e.subscribed = true;
    FakeAgent agent = agents.get(e.agentId);
    sendExecutor(e, new ExecutorEvent.Subscribed(e.info, framework, agent.id, agent.hostname));
    for (TaskStatus status : s.unacknowledgedUpdates()) {
      executorUpdate(e, status); // the agent keeps what it already has (same uuid)
    }
    for (TaskInfo t : e.pending) {
      sendExecutor(e, new ExecutorEvent.Launch(t));
    }
    e.pending.clear();
    if (e.shutdownSent) {
      sendExecutor(e, new ExecutorEvent.Shutdown());
    }
    return e.stream;
  }

  /** An UPDATE from an executor: joins the task's stream to the scheduler with its own uuid. */
  private void executorUpdate(FakeExecutor e, TaskStatus status) {
    FakeTask t = tasks.get(status.taskId());
    if (t == null || t.executor != e) {
      return; // torn down or lost meanwhile: nothing reaches the master any more
    }
    Bytes uuid = status.uuid();
    if (uuid == null || status.source() != TaskStatus.Source.SOURCE_EXECUTOR) {
      protocolErrors.add("executor UPDATE needs a uuid and source SOURCE_EXECUTOR: " + status);
      return;
    }
    if (t.acknowledged.contains(uuid)
        || t.unacknowledged.stream().anyMatch(u -> uuid.equals(u.uuid()))) {
      return; // a resend of an update the agent has
    }
    if (t.state.terminal()) {
      protocolErrors.add("executor UPDATE after a terminal one: " + status);
      return;
    }
    t.state = status.state();
    if (t.state.terminal() && !t.resourcesFreed) {
      t.resourcesFreed = true;
      FakeAgent.add(agents.get(t.agentId).used, t.resources, -1); // offered at the next tick
    }
    t.unacknowledged.add(
        new TaskStatus(
            status.taskId(),
            status.state(),
            TaskStatus.Source.SOURCE_EXECUTOR,
            status.reason(),
            status.message(),
            t.agentId,
            e.info.executorId(),
            uuid,
            status.data(),
            Double.isNaN(status.timestamp()) ? now() : status.timestamp()));
    if (t.unacknowledged.size() == 1) {
      sendHead(t);
    }
  }

  /** SHUTDOWN to every executor; those still running after the grace period are killed. */
  private void shutdownExecutors() {
    for (FakeAgent a : agents.values()) {
      for (FakeExecutor e : a.executors.values()) {
        if (!e.shutdownSent) {
          e.shutdownSent = true;
          sendExecutor(e, new ExecutorEvent.Shutdown());
          if (!timer.isShutdown()) {
            timer.schedule(e::destroy, 5, TimeUnit.SECONDS);
          }
        }
      }
    }
  }

  /** The executor's process is gone: its resources are freed and its unfinished tasks failed. */
  private synchronized void executorExited(FakeExecutor e, int status) {
    e.exited = true;
    if (e.stream != null) {
      e.stream.close();
    }
    FakeAgent agent = agents.get(e.agentId);
    agent.executors.remove(e.info.executorId(), e);
    FakeAgent.add(agent.used, e.info.resources(), -1);
    for (TaskId id : e.tasks) {
      FakeTask t = tasks.get(id);
      if (t != null && t.executor == e && !t.state.terminal()) {
        update(
            id,
            TaskState.TASK_FAILED,
            TaskStatus.Reason.REASON_EXECUTOR_TERMINATED,
            "Executor terminated");
      }
    }
    if (!e.shutdownSent) {
      send(new Event.Failure(e.agentId, e.info.executorId(), status));
    }
  }

  private void sendExecutor(FakeExecutor e, ExecutorEvent event) {
    if (e.stream == null || e.stream.closed) {
      return;
    }
    String json = MesosJson.encodeExecutorEvent(event);
    try {
      schema.executorEvent(json);
    } catch (AssertionError err) {
      protocolErrors.add("executor event: " + err.getMessage());
    }
    e.stream.write(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String typeOf(Call c) {
    return c.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
  }
}

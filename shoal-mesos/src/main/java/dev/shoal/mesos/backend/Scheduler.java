package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.Resources;
import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Bytes;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.ContainerInfo;
import dev.shoal.mesos.Event;
import dev.shoal.mesos.ExecutorInfo;
import dev.shoal.mesos.Filters;
import dev.shoal.mesos.Offer;
import dev.shoal.mesos.TaskId;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.TaskStatus;
import dev.shoal.mesos.backend.WaitingLine.Waiting;
import dev.shoal.worker.launch.LaunchReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The Mesos back end's state and its decisions: {@link #handle} takes one {@link Input} and returns
 * the {@link Effect}s to perform, in order. It performs no I/O itself but through {@link
 * TaskFiles}' bookkeeping (tokens, staged uploads), so the whole protocol logic can be driven event
 * by event.
 *
 * <p>Threading: confined to the back end's scheduler thread.
 *
 * <p>A launched Mesos task ({@link Launch}) runs one engine task, or several short ones of one
 * category as a bundle, whose members end one by one as their reports arrive; the Mesos task holds
 * its resources until its own terminal update, which requeues the members not yet reported.
 *
 * <p>Invariants: every submitted engine task is either waiting or an open member of a launched
 * Mesos task until exactly one {@link BackendEvent.Finished} is emitted for it; every update with a
 * uuid is acknowledged (repeats too) and acted on once, and every member's report at most once.
 */
final class Scheduler {
  private static final double IDLE_REFUSE_SECONDS = 30;
  private static final int SCAN_LIMIT = 2000;

  private final MesosOptions options;
  private final TaskFiles files;
  private final LongSupplier micros;
  private final String runId;
  private final List<Effect> out = new ArrayList<>();
  private final WaitingLine waiting = new WaitingLine();
  private final Map<TaskId, Launch> launched = new LinkedHashMap<>();
  private final Map<dev.shoal.engine.spi.TaskId, Attempt> byEngineId = new HashMap<>();
  private final Map<AgentId, Integer> perAgent = new HashMap<>();
  private final Map<String, Integer> perCategory = new HashMap<>();
  private final AgentSizes agents = new AgentSizes();
  private final Set<Bytes> seen = new HashSet<>();
  private final Map<String, ExecutorInfo> executors = new HashMap<>();
  private final Set<AgentId> executorOn = new HashSet<>();
  private final Set<String> measuredLong = new HashSet<>();
  private final BundleSizer sizer;
  private final boolean storedId;
  private double heldCpus;
  private boolean subscribed;
  private boolean everSubscribed;
  private long unconfirmedAskedMicros;

  /** How long an unanswered explicit reconciliation waits before it is asked again. */
  static final long RECONCILE_AGAIN_MICROS = 5_000_000;

  private boolean suppressed;
  private boolean closed;
  private int maxInFlight;

  /**
   * @param runId distinguishes this run's Mesos task ids from those of an earlier run of the same
   *     framework (after a failover their tasks are killed, not mistaken for ours)
   * @param storedId whether the subscription uses a framework id kept from an earlier run
   */
  Scheduler(
      MesosOptions options, TaskFiles files, LongSupplier micros, String runId, boolean storedId) {
    this.options = options;
    this.files = files;
    this.micros = micros;
    this.runId = runId;
    this.storedId = storedId;
    this.sizer = new BundleSizer(options.executor().bundling());
  }

  /** The most tasks that were ever in flight at once (for tests and benchmarks). */
  int maxInFlight() {
    return maxInFlight;
  }

  List<Effect> handle(Input input) {
    out.clear();
    switch (input) {
      case Input.Submit s -> submit(s.task());
      case Input.Cancel c -> cancel(c.task());
      case Input.FromMesos m -> event(m.event());
      case Input.Disconnected d -> subscribed = false;
      case Input.CallFailed f -> callFailed(f);
      case Input.Tick t -> {
        failOversized();
        reconcileUnconfirmed(false);
      }
      case Input.Close c -> close();
    }
    return List.copyOf(out);
  }

  private void submit(TaskSpec task) {
    Waiting w = new Waiting(task, Size.of(task.allocation(), options), 0, micros.getAsLong());
    if (closed) {
      finish(
          task,
          outcome(TaskResult.Outcome.CANCELLED, "the Mesos back end is closed", w.sinceMicros()));
      return;
    }
    waiting.add(w, false);
    revive();
  }

  private void cancel(dev.shoal.engine.spi.TaskId id) {
    Waiting w = waiting.remove(id);
    if (w != null) {
      finish(w.spec(), outcome(TaskResult.Outcome.CANCELLED, "cancelled", w.sinceMicros()));
      return;
    }
    Attempt a = byEngineId.get(id);
    if (a != null) {
      // A member of a bundle: reported CANCELLED when its report or its bundle's end arrives, its
      // outputs never committed; the bundle is killed once none of its open members is wanted.
      a.cancelRequested = true;
      Launch l = a.launch;
      if (l.allOpenCancelled()) {
        l.killRequested = true;
        send(new Call.Kill(l.mesosId, l.agent));
      }
    }
  }

  private void event(Event e) {
    switch (e) {
      case Event.Subscribed s -> subscribed(s);
      case Event.Offers o -> offers(o.offers());
      case Event.Update u -> update(u.status());
      case Event.Error err -> error(err.message());
      case Event.Rescind r -> {} // offers are answered at once, never held
      case Event.Failure f -> executorOn.remove(f.agentId()); // its tasks come as updates
      case Event.Message m -> {}
      case Event.Heartbeat h -> {}
      case Event.Other o -> {}
    }
  }

  private void subscribed(Event.Subscribed s) {
    subscribed = true;
    everSubscribed = true;
    suppressed = false;
    out.add(new Effect.SaveFrameworkId(s.frameworkId()));
    send(new Call.Reconcile(List.of())); // implicit: the master reports every task it knows
    reconcileUnconfirmed(true); // explicit: an unknown task comes back LOST
    for (Launch l : launched.values()) {
      if (l.killRequested) {
        send(new Call.Kill(l.mesosId, l.agent));
      }
    }
    if (closed) {
      send(new Call.Teardown());
    } else if (waiting.isEmpty()) {
      suppress();
    }
  }

  private void error(String message) {
    subscribed = false;
    if (!everSubscribed && storedId) {
      out.add(new Effect.ForgetFrameworkId()); // e.g. its failover timeout expired: start afresh
      return;
    }
    // The framework was removed: whatever it ran is gone, its executors too.
    executorOn.clear();
    for (Launch l : List.copyOf(launched.values())) {
      endAll(l, a -> new Ending.Requeue("the master dropped the framework: " + message));
    }
    out.add(new Effect.ForgetFrameworkId());
  }

  private void offers(List<Offer> offers) {
    for (Offer o : offers) {
      agents.saw(o);
    }
    double clusterCpus = agents.clusterCpus();
    for (Offer o : offers) {
      List<TaskInfo> tasks = closed || !subscribed ? List.of() : pack(o, clusterCpus);
      if (tasks.isEmpty()) {
        double refuse = waiting.isEmpty() ? IDLE_REFUSE_SECONDS : options.refuseSeconds();
        send(new Call.Decline(List.of(o.id()), new Filters(refuse)));
      } else {
        send(
            new Call.Accept(
                List.of(o.id()),
                List.of(new Call.Launch(tasks)),
                new Filters(options.refuseSeconds())));
      }
    }
    failOversized();
    if (waiting.isEmpty()) {
      suppress();
    }
  }

  /** As many waiting tasks as fit in {@code o}, within the per-agent, category and share caps. */
  private List<TaskInfo> pack(Offer o, double clusterCpus) {
    String role = o.cpusRole();
    Size room = new Size(o.cpus(), o.memMegabytes(), o.diskMegabytes());
    int onAgent = perAgent.getOrDefault(o.agentId(), 0);
    double shareCpus = options.maxShare() * clusterCpus + 1e-9;
    List<TaskInfo> tasks = new ArrayList<>();
    int scanned = 0;
    for (Iterator<Waiting> it = waiting.iterator();
        it.hasNext() && onAgent < options.maxPerAgent() && scanned++ < SCAN_LIMIT; ) {
      Waiting w = it.next();
      // A task in an image goes through the command executor: the Shoal executor runs its tasks
      // in its own JVM, outside any image.
      ContainerInfo container = options.containers().containerOf(w.spec().category());
      boolean viaExecutor =
          container == null && options.executor().shoal(w.spec().category(), measuredLong);
      Size needed =
          viaExecutor && !executorOn.contains(o.agentId())
              ? w.size().plus(executorSize())
              : w.size();
      if (!needed.fitsIn(room) || categoryFull(w.spec().category())) {
        continue;
      }
      if (heldCpus > 0 && heldCpus + w.size().cpus() > shareCpus) {
        break; // the workflow holds its share of the cluster
      }
      it.remove();
      List<Waiting> group = new ArrayList<>();
      group.add(w);
      int k =
          viaExecutor
              ? sizer.size(
                  w.spec().category(),
                  waiting.inCategory(w.spec().category()) + 1,
                  agents.slots(w.size()))
              : 1;
      // A bundle takes the next waiting rules of the same category and size; the others it
      // passes over wait for the next offer.
      while (group.size() < k && it.hasNext() && scanned++ < SCAN_LIMIT) {
        Waiting x = it.next();
        if (x.spec().category().equals(w.spec().category()) && x.size().equals(w.size())) {
          it.remove();
          group.add(x);
        }
      }
      Launch l = launch(group, o.agentId(), viaExecutor);
      tasks.add(
          l.bundle
              ? files.bundleInfo(l, role, executor(role))
              : files.taskInfo(
                  l.members.getFirst(), role, viaExecutor ? executor(role) : null, container));
      if (viaExecutor) {
        executorOn.add(o.agentId()); // the agent starts it with this task; later ones reuse it
      }
      launched.put(l.mesosId, l);
      room = room.minus(needed);
      onAgent++;
      heldCpus += w.size().cpus();
      perCategory.merge(w.spec().category(), 1, Integer::sum);
    }
    perAgent.put(o.agentId(), onAgent);
    maxInFlight = Math.max(maxInFlight, launched.size());
    return tasks;
  }

  /**
   * The Mesos task of {@code group} (one waiting task, or a bundle of several of one category and
   * size) on {@code agent}, its attempts registered.
   */
  private Launch launch(List<Waiting> group, AgentId agent, boolean viaExecutor) {
    Waiting first = group.getFirst();
    String id = "shoal-" + runId + "-" + first.spec().id() + "-" + first.lost();
    TaskId mesosId = new TaskId(group.size() == 1 ? id : id + "-b" + group.size());
    long now = micros.getAsLong();
    List<Attempt> members = new ArrayList<>(group.size());
    for (int i = 0; i < group.size(); i++) {
      Waiting w = group.get(i);
      Attempt a =
          new Attempt(
              w.spec(), w.size(), w.lost(), mesosId, group.size() == 1 ? -1 : i, agent, now);
      members.add(a);
      byEngineId.put(w.spec().id(), a);
    }
    return new Launch(
        mesosId, agent, first.size(), first.spec().category(), members, viaExecutor, now);
  }

  private ExecutorInfo executor(String role) {
    return executors.computeIfAbsent(role, r -> files.executorInfo(runId, r));
  }

  private Size executorSize() {
    ExecutorChoice c = options.executor();
    return new Size(c.cpus(), c.memMb(), 0);
  }

  private boolean categoryFull(String category) {
    Integer limit = options.categoryLimits().get(category);
    return limit != null && perCategory.getOrDefault(category, 0) >= limit;
  }

  private void update(TaskStatus s) {
    if (s.uuid() != null) {
      send(new Call.Acknowledge(s.agentId(), s.taskId(), s.uuid()));
      if (!seen.add(s.uuid())) {
        return; // a resend of an update already acted on
      }
    }
    Launch l = launched.get(s.taskId());
    if (l == null) {
      if (!s.state().terminal()) {
        // Not this run's: a task of an earlier run (failover) or an attempt given up on.
        send(new Call.Kill(s.taskId(), s.agentId()));
      }
      return;
    }
    l.unconfirmed = false;
    if (l.killRequested && !s.state().terminal()) {
      send(new Call.Kill(l.mesosId, l.agent));
    }
    boolean ranToItsEnd = // the Shoal executor skips TASK_RUNNING for a task that ends at once
        (s.state() == TaskState.TASK_FINISHED || s.state() == TaskState.TASK_FAILED)
            && s.source() == TaskStatus.Source.SOURCE_EXECUTOR;
    Attempt single = l.bundle ? null : l.members.getFirst();
    if (single != null
        && (s.state() == TaskState.TASK_STARTING
            || s.state() == TaskState.TASK_RUNNING
            || ranToItsEnd)
        && !single.started) {
      single.started = true;
      out.add(new Effect.Post(new BackendEvent.Started(single.spec.id(), l.mesosId.value())));
    }
    if (s.reason() == TaskStatus.Reason.REASON_RECONCILIATION
        && (s.state() == TaskState.TASK_FINISHED || s.state() == TaskState.TASK_FAILED)) {
      // The master's answer to RECONCILE carries no data, so no report: the executor's own update,
      // which has it, is resent by the agent until acknowledged. Ending now would requeue a task
      // that ran (a dropped stream made the Shoal executor's tasks run twice).
      return;
    }
    if (s.state() == TaskState.TASK_UNREACHABLE) {
      send(new Call.Kill(l.mesosId, l.agent)); // should its agent come back, it must not run on
    }
    if (l.bundle) {
      reportMembers(l, s);
    }
    if (s.state().terminal() || s.state() == TaskState.TASK_UNREACHABLE) {
      if (single != null) {
        end(single, endingOf(single, s));
        release(l);
      } else {
        endAll(l, a -> a.cancelRequested ? cancelled(a) : Outcomes.unreportedMember(s));
      }
    }
  }

  /**
   * Ends each member of bundle {@code l} whose report {@code s} carries (a coalesced TASK_RUNNING
   * or the terminal update): each has its own result, outputs committed, retry.
   */
  private void reportMembers(Launch l, TaskStatus s) {
    Map<Integer, LaunchReport> reports = files.bundleReports(s);
    if (reports.isEmpty()) {
      return;
    }
    long now = micros.getAsLong();
    for (Map.Entry<Integer, LaunchReport> e : reports.entrySet()) {
      int i = e.getKey();
      if (i < 0 || i >= l.members.size() || l.members.get(i).ended) {
        continue; // not a member, or reported before
      }
      Attempt a = l.members.get(i);
      if (a.cancelRequested) {
        end(a, cancelled(a));
        continue;
      }
      if (!a.started) {
        a.started = true;
        out.add(new Effect.Post(new BackendEvent.Started(a.spec.id(), l.mesosId.value())));
      }
      end(a, committed(a, Outcomes.ofMember(e.getValue(), l.lastReportMicros, now)));
    }
    l.lastReportMicros = now;
  }

  private Ending cancelled(Attempt a) {
    return new Ending.Done(outcome(TaskResult.Outcome.CANCELLED, "cancelled", a.launchedMicros));
  }

  /** {@code e}, its outputs committed if it is a success; a requeue if they cannot be. */
  private Ending committed(Attempt a, Ending e) {
    if (e instanceof Ending.Done d && d.summary() != null) {
      files.keepSummary(a, d.summary());
    }
    if (e instanceof Ending.Done d && d.result().succeeded()) {
      String problem = files.commit(a);
      if (problem != null) {
        return new Ending.Requeue(problem);
      }
    }
    return e;
  }

  private Ending endingOf(Attempt a, TaskStatus s) {
    long now = micros.getAsLong();
    if (a.cancelRequested) {
      return new Ending.Done(outcome(TaskResult.Outcome.CANCELLED, "cancelled", a.launchedMicros));
    }
    return committed(a, Outcomes.of(s, files.report(a, s), a.launchedMicros, now));
  }

  /** Ends every member of {@code l} not ended yet, the last first, and then {@code l} itself. */
  private void endAll(Launch l, java.util.function.Function<Attempt, Ending> how) {
    for (int i = l.members.size() - 1; i >= 0; i--) { // requeued ones go back in their order
      Attempt a = l.members.get(i);
      if (!a.ended) {
        end(a, how.apply(a));
      }
    }
    release(l);
  }

  /** Forgets the Mesos task {@code l}: its resources are free again. */
  private void release(Launch l) {
    launched.remove(l.mesosId);
    perAgent.merge(l.agent, -1, Integer::sum);
    perCategory.merge(l.category, -1, Integer::sum);
    heldCpus = Math.max(0, heldCpus - l.size.cpus());
    if (l.viaExecutor && l.done > 0) {
      sizer.record(l.category, l.done, (micros.getAsLong() - l.launchedMicros) / 1e6);
    }
  }

  /** Forgets attempt {@code a}: reports its ending or puts its task back in line. */
  private void end(Attempt a, Ending ending) {
    a.ended = true;
    byEngineId.remove(a.spec.id());
    files.discard(a);
    switch (ending) {
      case Ending.Done d -> {
        TaskResult r = d.result();
        if ((r.endMicros() - r.startMicros()) / 1e6 >= options.executor().longAfterSeconds()) {
          measuredLong.add(a.spec.category()); // from now on through the command executor
        }
        if (r.outcome() != TaskResult.Outcome.CANCELLED) {
          a.launch.done++;
        }
        finish(a.spec, r);
      }
      case Ending.Requeue r -> {
        if (closed) {
          finish(a.spec, outcome(TaskResult.Outcome.CANCELLED, r.reason(), a.launchedMicros));
        } else if (a.lost >= options.lostRetries()) {
          finish(
              a.spec,
              outcome(
                  TaskResult.Outcome.BACKEND_ERROR,
                  "Mesos could not run the task "
                      + (a.lost + 1)
                      + " times; last: "
                      + r.reason()
                      + imageHint(a.spec.category()),
                  a.launchedMicros));
        } else {
          waiting.add(new Waiting(a.spec, a.size, a.lost + 1, micros.getAsLong()), true);
          revive();
        }
      }
    }
  }

  /** For a task that runs in an image: which one, and what to check. */
  private String imageHint(String category) {
    String image = options.containers().imageOf(category);
    return image == null
        ? ""
        : " — the task runs in Docker image "
            + image
            + " through the "
            + options.containers().containerizer()
            + " containerizer: check that the agents have it (Shoal never forces a pull)";
  }

  private void callFailed(Input.CallFailed f) {
    if (f.call() instanceof Call.Accept accept) {
      for (Call.Operation op : accept.operations()) {
        for (TaskInfo t : ((Call.Launch) op).tasks()) {
          Launch l = launched.get(t.taskId());
          if (l == null) {
            continue;
          }
          if (f.noAnswer()) {
            // The master may have launched it (the answer was lost, a timeout): requeuing now
            // could run it twice. Ask the master instead.
            l.unconfirmed = true;
          } else {
            // refused: never launched
            endAll(l, a -> new Ending.Requeue("ACCEPT failed: " + f.reason()));
          }
        }
      }
      reconcileUnconfirmed(true);
    }
    // Other calls are made good after the next SUBSCRIBED: updates are resent until acknowledged,
    // kills are repeated, suppression is decided again.
  }

  /**
   * Asks the master about the attempts whose ACCEPT got no answer; on a tick, only when the last
   * such question is {@link #RECONCILE_AGAIN_MICROS} old (its answer may have been lost too).
   */
  private void reconcileUnconfirmed(boolean now) {
    long t = micros.getAsLong();
    if (!subscribed || (!now && t - unconfirmedAskedMicros < RECONCILE_AGAIN_MICROS)) {
      return;
    }
    List<Call.TaskRef> refs = new ArrayList<>();
    for (Launch l : launched.values()) {
      if (l.unconfirmed) {
        refs.add(new Call.TaskRef(l.mesosId, l.agent));
      }
    }
    if (!refs.isEmpty()) {
      unconfirmedAskedMicros = t;
      send(new Call.Reconcile(refs));
    }
  }

  /** Fails each task that waited {@code oversizeAfter} and fits no agent ever seen. */
  private void failOversized() {
    if (agents.none()) {
      return; // no agent seen yet: the cluster may still be starting
    }
    long now = micros.getAsLong();
    long after = options.oversizeAfter().toNanos() / 1000;
    for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
      Waiting w = it.next();
      if (now - w.sinceMicros() < after || agents.fitSome(w.size())) {
        continue;
      }
      it.remove();
      finish(
          w.spec(),
          outcome(
              TaskResult.Outcome.BACKEND_ERROR,
              "rule "
                  + w.spec().ruleId()
                  + " asks for "
                  + w.size()
                  + " but no agent offered that much in "
                  + options.oversizeAfter().toSeconds()
                  + " s; the largest offer was "
                  + agents.biggest()
                  + " — lower the rule's resources (or the --mesos-default-*) or add larger agents",
              w.sinceMicros()));
    }
    if (waiting.isEmpty()) {
      suppress();
    }
  }

  private void close() {
    closed = true;
    for (Waiting w : waiting.drain()) {
      finish(w.spec(), outcome(TaskResult.Outcome.CANCELLED, "the run is over", w.sinceMicros()));
    }
    for (Launch l : List.copyOf(launched.values())) {
      endAll(
          l,
          a -> {
            a.cancelRequested = true;
            return new Ending.Done(outcome(TaskResult.Outcome.CANCELLED, "the run is over", 0));
          });
    }
    if (subscribed) {
      send(new Call.Teardown());
    }
  }

  private void revive() {
    if (suppressed && subscribed) {
      suppressed = false;
      send(new Call.Revive(List.of()));
    }
  }

  private void suppress() {
    if (!suppressed && subscribed && !closed) {
      suppressed = true;
      send(new Call.Suppress(List.of()));
    }
  }

  private void send(Call c) {
    out.add(new Effect.Send(c));
  }

  private void finish(TaskSpec task, TaskResult result) {
    out.add(new Effect.Post(new BackendEvent.Finished(task.id(), result)));
  }

  private TaskResult outcome(TaskResult.Outcome o, String message, long start) {
    long now = micros.getAsLong();
    return new TaskResult(o, -1, 0, start == 0 ? now : start, now, Resources.NONE, message);
  }

  /** Tasks known to this scheduler, waiting or launched (for tests). */
  int outstanding() {
    return waiting.size() + byEngineId.size();
  }
}

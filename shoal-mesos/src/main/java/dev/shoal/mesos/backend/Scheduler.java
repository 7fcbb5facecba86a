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
import dev.shoal.mesos.Resource;
import dev.shoal.mesos.TaskId;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.TaskStatus;
import java.util.ArrayDeque;
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
 * <p>Invariants: every submitted engine task is in exactly one of {@code waiting} and {@code
 * launched} until exactly one {@link BackendEvent.Finished} is emitted for it; every update with a
 * uuid is acknowledged (repeats too) and acted on once.
 */
final class Scheduler {
  private static final double IDLE_REFUSE_SECONDS = 30;
  private static final int SCAN_LIMIT = 2000;

  /** A task waiting for an offer; {@code lost} attempts of it were lost by the cluster. */
  private record Waiting(TaskSpec spec, Size size, int lost, long sinceMicros) {}

  private final MesosOptions options;
  private final TaskFiles files;
  private final LongSupplier micros;
  private final String runId;
  private final List<Effect> out = new ArrayList<>();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final Map<TaskId, Attempt> launched = new LinkedHashMap<>();
  private final Map<dev.shoal.engine.spi.TaskId, Attempt> byEngineId = new HashMap<>();
  private final Map<AgentId, Integer> perAgent = new HashMap<>();
  private final Map<String, Integer> perCategory = new HashMap<>();
  private final Map<AgentId, Size> largest = new LinkedHashMap<>();
  private final Set<Bytes> seen = new HashSet<>();
  private final Map<String, ExecutorInfo> executors = new HashMap<>();
  private final Set<AgentId> executorOn = new HashSet<>();
  private final Set<String> measuredLong = new HashSet<>();
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
    waiting.addLast(w);
    revive();
  }

  private void cancel(dev.shoal.engine.spi.TaskId id) {
    for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
      Waiting w = it.next();
      if (w.spec.id().equals(id)) {
        it.remove();
        finish(w.spec, outcome(TaskResult.Outcome.CANCELLED, "cancelled", w.sinceMicros));
        return;
      }
    }
    Attempt a = byEngineId.get(id);
    if (a != null) {
      a.cancelRequested = true;
      send(new Call.Kill(a.mesosId, a.agent));
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
    for (Attempt a : launched.values()) {
      if (a.cancelRequested) {
        send(new Call.Kill(a.mesosId, a.agent));
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
    for (Attempt a : List.copyOf(launched.values())) {
      end(a, new Ending.Requeue("the master dropped the framework: " + message));
    }
    out.add(new Effect.ForgetFrameworkId());
  }

  private void offers(List<Offer> offers) {
    for (Offer o : offers) {
      Size s = new Size(o.cpus(), o.memMegabytes(), o.diskMegabytes());
      largest.merge(o.agentId(), s, Size::max);
    }
    double clusterCpus = 0;
    for (Size s : largest.values()) {
      clusterCpus += s.cpus();
    }
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
    String role = roleOf(o);
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
      ContainerInfo container = options.containers().containerOf(w.spec.category());
      boolean viaExecutor =
          container == null && options.executor().shoal(w.spec.category(), measuredLong);
      Size needed =
          viaExecutor && !executorOn.contains(o.agentId()) ? w.size.plus(executorSize()) : w.size;
      if (!needed.fitsIn(room) || categoryFull(w.spec.category())) {
        continue;
      }
      if (heldCpus > 0 && heldCpus + w.size.cpus() > shareCpus) {
        break; // the workflow holds its share of the cluster
      }
      it.remove();
      Attempt a =
          new Attempt(
              w.spec,
              w.size,
              w.lost,
              new TaskId("shoal-" + runId + "-" + w.spec.id() + "-" + w.lost),
              o.agentId(),
              micros.getAsLong());
      tasks.add(files.taskInfo(a, role, viaExecutor ? executor(role) : null, container));
      if (viaExecutor) {
        executorOn.add(o.agentId()); // the agent starts it with this task; later ones reuse it
      }
      launched.put(a.mesosId, a);
      byEngineId.put(w.spec.id(), a);
      room = room.minus(needed);
      onAgent++;
      heldCpus += w.size.cpus();
      perCategory.merge(w.spec.category(), 1, Integer::sum);
    }
    perAgent.put(o.agentId(), onAgent);
    maxInFlight = Math.max(maxInFlight, launched.size());
    return tasks;
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

  private static String roleOf(Offer o) {
    for (Resource r : o.resources()) {
      if (r.name().equals(Resource.CPUS)) {
        return r.role();
      }
    }
    return Resource.ANY_ROLE;
  }

  private void update(TaskStatus s) {
    if (s.uuid() != null) {
      send(new Call.Acknowledge(s.agentId(), s.taskId(), s.uuid()));
      if (!seen.add(s.uuid())) {
        return; // a resend of an update already acted on
      }
    }
    Attempt a = launched.get(s.taskId());
    if (a == null) {
      if (!s.state().terminal()) {
        // Not this run's: a task of an earlier run (failover) or an attempt given up on.
        send(new Call.Kill(s.taskId(), s.agentId()));
      }
      return;
    }
    a.unconfirmed = false;
    if (a.cancelRequested && !s.state().terminal()) {
      send(new Call.Kill(a.mesosId, a.agent));
    }
    boolean ranToItsEnd = // the Shoal executor skips TASK_RUNNING for a task that ends at once
        (s.state() == TaskState.TASK_FINISHED || s.state() == TaskState.TASK_FAILED)
            && s.source() == TaskStatus.Source.SOURCE_EXECUTOR;
    if ((s.state() == TaskState.TASK_STARTING || s.state() == TaskState.TASK_RUNNING || ranToItsEnd)
        && !a.started) {
      a.started = true;
      out.add(new Effect.Post(new BackendEvent.Started(a.spec.id(), a.mesosId.value())));
    }
    if (s.reason() == TaskStatus.Reason.REASON_RECONCILIATION
        && (s.state() == TaskState.TASK_FINISHED || s.state() == TaskState.TASK_FAILED)) {
      // The master's answer to RECONCILE carries no data, so no report: the executor's own update,
      // which has it, is resent by the agent until acknowledged. Ending now would requeue a task
      // that ran (a dropped stream made the Shoal executor's tasks run twice).
      return;
    }
    if (s.state() == TaskState.TASK_UNREACHABLE) {
      send(new Call.Kill(a.mesosId, a.agent)); // should its agent come back, it must not run on
    }
    if (s.state().terminal() || s.state() == TaskState.TASK_UNREACHABLE) {
      end(a, endingOf(a, s));
    }
  }

  private Ending endingOf(Attempt a, TaskStatus s) {
    long now = micros.getAsLong();
    if (a.cancelRequested) {
      return new Ending.Done(outcome(TaskResult.Outcome.CANCELLED, "cancelled", a.launchedMicros));
    }
    Ending e = Outcomes.of(s, files.report(a, s), a.launchedMicros, now);
    if (e instanceof Ending.Done d && d.result().succeeded()) {
      String problem = files.commit(a);
      if (problem != null) {
        return new Ending.Requeue(problem);
      }
    }
    return e;
  }

  /** Forgets attempt {@code a}: reports its ending or puts its task back in line. */
  private void end(Attempt a, Ending ending) {
    launched.remove(a.mesosId);
    byEngineId.remove(a.spec.id());
    perAgent.merge(a.agent, -1, Integer::sum);
    perCategory.merge(a.spec.category(), -1, Integer::sum);
    heldCpus = Math.max(0, heldCpus - a.size.cpus());
    files.discard(a);
    switch (ending) {
      case Ending.Done d -> {
        TaskResult r = d.result();
        if ((r.endMicros() - r.startMicros()) / 1e6 >= options.executor().longAfterSeconds()) {
          measuredLong.add(a.spec.category()); // from now on through the command executor
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
          waiting.addFirst(new Waiting(a.spec, a.size, a.lost + 1, micros.getAsLong()));
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
          Attempt a = launched.get(t.taskId());
          if (a == null) {
            continue;
          }
          if (f.noAnswer()) {
            // The master may have launched it (the answer was lost, a timeout): requeuing now
            // could run it twice. Ask the master instead.
            a.unconfirmed = true;
          } else {
            end(a, new Ending.Requeue("ACCEPT failed: " + f.reason())); // refused: never launched
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
    for (Attempt a : launched.values()) {
      if (a.unconfirmed) {
        refs.add(new Call.TaskRef(a.mesosId, a.agent));
      }
    }
    if (!refs.isEmpty()) {
      unconfirmedAskedMicros = t;
      send(new Call.Reconcile(refs));
    }
  }

  /** Fails each task that waited {@code oversizeAfter} and fits no agent ever seen. */
  private void failOversized() {
    if (largest.isEmpty()) {
      return; // no agent seen yet: the cluster may still be starting
    }
    long now = micros.getAsLong();
    long after = options.oversizeAfter().toNanos() / 1000;
    for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
      Waiting w = it.next();
      if (now - w.sinceMicros < after || fitsSomeAgent(w.size)) {
        continue;
      }
      it.remove();
      finish(
          w.spec,
          outcome(
              TaskResult.Outcome.BACKEND_ERROR,
              "rule "
                  + w.spec.ruleId()
                  + " asks for "
                  + w.size
                  + " but no agent offered that much in "
                  + options.oversizeAfter().toSeconds()
                  + " s; the largest offer was "
                  + biggestAgent()
                  + " — lower the rule's resources (or the --mesos-default-*) or add larger agents",
              w.sinceMicros));
    }
    if (waiting.isEmpty()) {
      suppress();
    }
  }

  private boolean fitsSomeAgent(Size size) {
    for (Size s : largest.values()) {
      if (size.fitsIn(s)) {
        return true;
      }
    }
    return false;
  }

  private String biggestAgent() {
    Map.Entry<AgentId, Size> best = null;
    for (Map.Entry<AgentId, Size> e : largest.entrySet()) {
      if (best == null || e.getValue().cpus() > best.getValue().cpus()) {
        best = e;
      }
    }
    return best == null ? "none" : best.getValue() + " (agent " + best.getKey() + ")";
  }

  private void close() {
    closed = true;
    for (Waiting w : List.copyOf(waiting)) {
      finish(w.spec, outcome(TaskResult.Outcome.CANCELLED, "the run is over", w.sinceMicros));
    }
    waiting.clear();
    for (Attempt a : List.copyOf(launched.values())) {
      a.cancelRequested = true;
      end(a, new Ending.Done(outcome(TaskResult.Outcome.CANCELLED, "the run is over", 0)));
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
    return waiting.size() + launched.size();
  }
}

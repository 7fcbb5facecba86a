package dev.shoal.mesos.factory;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Bytes;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.CommandInfo;
import dev.shoal.mesos.Event;
import dev.shoal.mesos.Filters;
import dev.shoal.mesos.Offer;
import dev.shoal.mesos.Resource;
import dev.shoal.mesos.TaskId;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.TaskStatus;
import dev.shoal.wq.factory.WorkerExit;
import dev.shoal.wq.factory.WorkerId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The factory's framework: which workers wait for an offer, which run as which Mesos task, and the
 * calls each input calls for. {@link #handle} performs no I/O, so every decision is tested event by
 * event ({@code WorkerSchedulerTest}).
 *
 * <p>Policy: each offer takes as many waiting workers as fit, in one ACCEPT (unused resources
 * refused for 1 s); an offer nothing fits is declined for 1 s while workers wait, 30 s when none
 * does; SUPPRESS when nothing waits, REVIVE when a worker is asked for. Every update with a uuid is
 * acknowledged (repeats too) and acted on once. A terminal update (UNREACHABLE too, which is also
 * killed) ends the worker: it is reported by {@link #reap} and the factory's demand policy starts a
 * replacement if one is still needed.
 *
 * <p>Threading: not thread-safe; {@link MesosLauncher} calls it under its lock.
 */
final class WorkerScheduler {
  private static final double IDLE_REFUSE_SECONDS = 30;
  private static final double BUSY_REFUSE_SECONDS = 1;
  private static final Pattern EXIT_STATUS = Pattern.compile("exited with status (\\d+)");

  private record Pending(WorkerId id, WorkerTask task) {}

  private record Running(WorkerId id, WorkerTask task, TaskId taskId, AgentId agent) {}

  private final String jarUrl;
  private final String runId;
  private final List<Call> out = new ArrayList<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Map<TaskId, Running> running = new LinkedHashMap<>();
  private final Map<WorkerId, TaskId> taskOf = new HashMap<>();
  private final Set<WorkerId> killing = new HashSet<>();
  private final Set<Bytes> seen = new HashSet<>();
  private final List<WorkerExit> exits = new ArrayList<>();
  private final Map<AgentId, double[]> largest = new HashMap<>();
  private final Set<String> warned = new HashSet<>();
  private final List<String> warnings = new ArrayList<>();
  private boolean subscribed;
  private boolean suppressed;
  private boolean closed;
  private long launches;

  /**
   * @param jarUrl where the agents' fetcher gets {@code shoal-worker.jar}
   * @param runId distinguishes this factory's task ids from those of another factory
   */
  WorkerScheduler(String jarUrl, String runId) {
    this.jarUrl = jarUrl;
    this.runId = runId;
  }

  /** The calls {@code input} calls for, in order. */
  List<Call> handle(LauncherInput input) {
    out.clear();
    switch (input) {
      case LauncherInput.Submit s -> submit(s.id(), s.task());
      case LauncherInput.Remove r -> remove(r.id());
      case LauncherInput.FromMesos m -> event(m.event());
      case LauncherInput.Disconnected d -> subscribed = false;
      case LauncherInput.CallFailed f -> callFailed(f.call());
      case LauncherInput.Close c -> close();
    }
    return List.copyOf(out);
  }

  /** The workers that ended since the last call. */
  List<WorkerExit> reap() {
    List<WorkerExit> r = List.copyOf(exits);
    exits.clear();
    return r;
  }

  /** Workers asked for and not yet reaped: waiting for an offer, running, or ended unreaped. */
  int active() {
    return pending.size() + running.size() + exits.size();
  }

  /** Workers launched as Mesos tasks that have not ended. */
  int running() {
    return running.size();
  }

  /** Mesos tasks launched so far. */
  long launches() {
    return launches;
  }

  boolean subscribed() {
    return subscribed;
  }

  /**
   * What the user should be told since the last call: a worker size no agent has offered (once per
   * size). Such workers keep waiting — an agent may be busy, or a larger one may join.
   */
  List<String> warnings() {
    List<String> w = List.copyOf(warnings);
    warnings.clear();
    return w;
  }

  private void submit(WorkerId id, WorkerTask task) {
    pending.addLast(new Pending(id, task));
    if (suppressed && subscribed) {
      suppressed = false;
      out.add(new Call.Revive(List.of()));
    }
  }

  private void remove(WorkerId id) {
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      if (it.next().id().equals(id)) {
        it.remove();
        exits.add(new WorkerExit(id, -1));
        return;
      }
    }
    TaskId t = taskOf.get(id);
    if (t != null && killing.add(id)) {
      out.add(new Call.Kill(t, running.get(t).agent()));
    }
  }

  private void event(Event e) {
    switch (e) {
      case Event.Subscribed s -> onSubscribed();
      case Event.Offers o -> offers(o.offers());
      case Event.Update u -> update(u.status());
      case Event.Error err -> error();
      case Event.Rescind r -> {} // offers are answered at once, never held
      case Event.Failure f -> {} // a lost agent's tasks come as updates
      case Event.Message m -> {}
      case Event.Heartbeat h -> {}
      case Event.Other o -> {}
    }
  }

  private void onSubscribed() {
    subscribed = true;
    suppressed = false;
    out.add(new Call.Reconcile(List.of())); // implicit: the master reports every task it knows
    for (WorkerId id : killing) {
      TaskId t = taskOf.get(id);
      out.add(new Call.Kill(t, running.get(t).agent())); // a kill sent before may be lost
    }
    if (pending.isEmpty()) {
      suppress();
    }
  }

  /** The master dropped the framework: whatever it ran is gone. */
  private void error() {
    subscribed = false;
    for (Running r : List.copyOf(running.values())) {
      end(r, -1);
    }
  }

  private void offers(List<Offer> offers) {
    for (Offer o : offers) {
      double[] seen = largest.computeIfAbsent(o.agentId(), a -> new double[3]);
      seen[0] = Math.max(seen[0], o.cpus());
      seen[1] = Math.max(seen[1], o.memMegabytes());
      seen[2] = Math.max(seen[2], o.diskMegabytes());
    }
    for (Offer o : offers) {
      List<TaskInfo> tasks = closed || !subscribed ? List.of() : pack(o);
      if (tasks.isEmpty()) {
        double refuse = pending.isEmpty() ? IDLE_REFUSE_SECONDS : BUSY_REFUSE_SECONDS;
        out.add(new Call.Decline(List.of(o.id()), new Filters(refuse)));
      } else {
        out.add(
            new Call.Accept(
                List.of(o.id()),
                List.of(new Call.Launch(tasks)),
                new Filters(BUSY_REFUSE_SECONDS)));
      }
    }
    for (Pending p : pending) {
      WorkerTask w = p.task();
      String size = "cpus=" + w.cpus() + " mem=" + w.memMb() + " MB disk=" + w.diskMb() + " MB";
      if (!fitsSomeAgent(w) && warned.add(size)) {
        warnings.add(
            "a worker of "
                + size
                + " fits no agent offered so far (the largest: "
                + largestSeen()
                + ") — lower --cores/--memory/--disk, or add larger agents");
      }
    }
    if (pending.isEmpty()) {
      suppress();
    }
  }

  private boolean fitsSomeAgent(WorkerTask w) {
    for (double[] a : largest.values()) {
      if (w.cpus() <= a[0] + 1e-9 && w.memMb() <= a[1] + 1e-9 && w.diskMb() <= a[2] + 1e-9) {
        return true;
      }
    }
    return false;
  }

  private String largestSeen() {
    double[] best = {0, 0, 0};
    for (double[] a : largest.values()) {
      if (a[0] > best[0]) {
        best = a;
      }
    }
    return "cpus=" + best[0] + " mem=" + best[1] + " MB disk=" + best[2] + " MB";
  }

  /** As many waiting workers as fit in {@code o}, in the order they were asked for. */
  private List<TaskInfo> pack(Offer o) {
    String role = o.cpusRole();
    double cpus = o.cpus();
    double mem = o.memMegabytes();
    double disk = o.diskMegabytes();
    List<TaskInfo> tasks = new ArrayList<>();
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      WorkerTask w = p.task();
      if (w.cpus() > cpus + 1e-9 || w.memMb() > mem + 1e-9 || w.diskMb() > disk + 1e-9) {
        continue;
      }
      it.remove();
      cpus -= w.cpus();
      mem -= w.memMb();
      disk -= w.diskMb();
      TaskId t = new TaskId("shoal-" + runId + "-" + p.id() + "-" + launches++);
      running.put(t, new Running(p.id(), w, t, o.agentId()));
      taskOf.put(p.id(), t);
      tasks.add(
          TaskInfo.command(
              "shoal " + p.id(),
              t,
              o.agentId(),
              List.of(
                  Resource.cpus(w.cpus(), role),
                  Resource.mem(w.memMb(), role),
                  Resource.disk(w.diskMb(), role)),
              new CommandInfo(
                  w.command(),
                  true,
                  List.of(),
                  List.of(new CommandInfo.Uri(jarUrl, false, false, true, WorkerTask.JAR)),
                  w.environment(),
                  null)));
    }
    return tasks;
  }

  private void update(TaskStatus s) {
    if (s.uuid() != null) {
      out.add(new Call.Acknowledge(s.agentId(), s.taskId(), s.uuid()));
      if (!seen.add(s.uuid())) {
        return; // a resend of an update already acted on
      }
    }
    Running r = running.get(s.taskId());
    if (r == null) {
      if (!s.state().terminal()) {
        out.add(new Call.Kill(s.taskId(), s.agentId())); // not ours, or a worker already given up
      }
      return;
    }
    if (s.state() == TaskState.TASK_UNREACHABLE) {
      out.add(new Call.Kill(r.taskId(), r.agent())); // should its agent come back, it must not run
    }
    if (s.state().terminal() || s.state() == TaskState.TASK_UNREACHABLE) {
      end(r, exitCode(s));
    }
  }

  /** 0 for FINISHED, the command's status for FAILED when the executor says it, else -1. */
  static int exitCode(TaskStatus s) {
    if (s.state() == TaskState.TASK_FINISHED) {
      return 0;
    }
    if (s.state() == TaskState.TASK_FAILED && s.message() != null) {
      Matcher m = EXIT_STATUS.matcher(s.message());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return -1;
  }

  private void end(Running r, int code) {
    running.remove(r.taskId());
    taskOf.remove(r.id());
    killing.remove(r.id());
    exits.add(new WorkerExit(r.id(), code));
  }

  private void callFailed(Call call) {
    if (call instanceof Call.Accept accept) {
      // The master did not take the launch: those workers never started; they wait again.
      for (Call.Operation op : accept.operations()) {
        List<TaskInfo> tasks = ((Call.Launch) op).tasks();
        for (int i = tasks.size() - 1; i >= 0; i--) {
          Running r = running.remove(tasks.get(i).taskId());
          if (r != null) {
            taskOf.remove(r.id());
            pending.addFirst(new Pending(r.id(), r.task()));
          }
        }
      }
      if (!pending.isEmpty() && suppressed && subscribed) {
        suppressed = false;
        out.add(new Call.Revive(List.of()));
      }
    }
    // Other calls are made good after the next SUBSCRIBED: updates are resent until acknowledged,
    // kills are repeated, suppression is decided again.
  }

  private void close() {
    closed = true;
    for (Pending p : pending) {
      exits.add(new WorkerExit(p.id(), -1));
    }
    pending.clear();
    for (Running r : running.values()) {
      if (killing.add(r.id())) {
        out.add(new Call.Kill(r.taskId(), r.agent()));
      }
    }
  }

  private void suppress() {
    if (!suppressed && subscribed && !closed) {
      suppressed = true;
      out.add(new Call.Suppress(List.of()));
    }
  }
}

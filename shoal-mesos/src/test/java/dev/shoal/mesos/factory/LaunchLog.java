package dev.shoal.mesos.factory;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.Event;
import dev.shoal.mesos.MesosJson;
import dev.shoal.mesos.Resource;
import dev.shoal.mesos.SchemaAccess;
import dev.shoal.mesos.TaskId;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.fake.FakeMesosMaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fake master's record of what was launched where and when it ended: every call and event the
 * master checks against the Mesos schema passes through here, so the record is exactly what went
 * over the wire. Thread-safe.
 */
public final class LaunchLog implements FakeMesosMaster.SchemaCheck {
  /** One task of an ACCEPT: where, how large, when (System.nanoTime). */
  public record Launch(AgentId agent, TaskId task, double cpus, double memMb, long nanos) {}

  private final List<Launch> launches = new ArrayList<>();
  private final Map<TaskId, Long> ends = new HashMap<>();
  private final Map<TaskId, TaskState> endStates = new HashMap<>();

  /** A fake master (heartbeats 200 ms, resends 500 ms) whose calls and events are recorded. */
  public static FakeMesosMaster start(LaunchLog log, Path agents) throws IOException {
    return new FakeMesosMaster(
        Clock.systemUTC(), agents, log, Duration.ofMillis(200), Duration.ofMillis(500));
  }

  @Override
  public void call(String json) {
    SchemaAccess.call(json);
    Call call = MesosJson.decodeCall(json.getBytes(StandardCharsets.UTF_8)).call();
    if (call instanceof Call.Accept a) {
      long now = System.nanoTime();
      synchronized (this) {
        for (Call.Operation op : a.operations()) {
          for (TaskInfo t : ((Call.Launch) op).tasks()) {
            launches.add(
                new Launch(
                    t.agentId(),
                    t.taskId(),
                    Resource.sum(t.resources(), Resource.CPUS),
                    Resource.sum(t.resources(), Resource.MEM),
                    now));
          }
        }
      }
    }
  }

  @Override
  public void event(String json) {
    SchemaAccess.event(json);
    Event e = MesosJson.decodeEvent(json.getBytes(StandardCharsets.UTF_8));
    if (e instanceof Event.Update u
        && (u.status().state().terminal() || u.status().state() == TaskState.TASK_UNREACHABLE)) {
      synchronized (this) {
        ends.putIfAbsent(u.status().taskId(), System.nanoTime());
        endStates.putIfAbsent(u.status().taskId(), u.status().state());
      }
    }
  }

  @Override
  public void executorCall(String json) {
    SchemaAccess.executorCall(json);
  }

  @Override
  public void executorEvent(String json) {
    SchemaAccess.executorEvent(json);
  }

  public synchronized List<Launch> launches() {
    return List.copyOf(launches);
  }

  /** How each launched task ended (absent while it runs). */
  public synchronized Map<TaskId, TaskState> endStates() {
    return Map.copyOf(endStates);
  }

  /** When each ended task's terminal update went out (System.nanoTime). */
  public synchronized Map<TaskId, Long> endNanos() {
    return Map.copyOf(ends);
  }

  /** The most tasks in flight at once on {@code agent}, from launch to terminal update. */
  public synchronized int peakOn(AgentId agent) {
    List<long[]> steps = new ArrayList<>();
    Set<TaskId> mine = new HashSet<>();
    for (Launch l : launches) {
      if (l.agent().equals(agent)) {
        mine.add(l.task());
        steps.add(new long[] {l.nanos(), 1});
      }
    }
    for (TaskId t : mine) {
      Long end = ends.get(t);
      if (end != null) {
        steps.add(new long[] {end, -1});
      }
    }
    steps.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    int now = 0;
    int peak = 0;
    for (long[] s : steps) {
      now += (int) s[1];
      peak = Math.max(peak, now);
    }
    return peak;
  }
}

package dev.shoal.mesos.fake;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Resource;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.TaskStatus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A launched task as the fake master and agent track it: its latest state and its status update
 * stream, whose head is (re)sent until acknowledged. Guarded by the master's lock.
 */
final class FakeTask {
  final TaskInfo info;
  final AgentId agentId;
  final List<Resource> resources;
  final Deque<TaskStatus> unacknowledged = new ArrayDeque<>();

  /** Uuids already acknowledged: a repeated ACKNOWLEDGE (of a resend) is ignored, as Mesos does. */
  final java.util.Set<dev.shoal.mesos.Bytes> acknowledged = new java.util.HashSet<>();

  TaskState state = TaskState.TASK_STAGING;
  boolean resourcesFreed;
  long headSentNanos;
  CommandRun run;

  /** The custom executor running it, or {@code null} for a command task. */
  FakeExecutor executor;

  FakeTask(TaskInfo info) {
    this.info = info;
    this.agentId = info.agentId();
    this.resources = info.resources();
  }
}

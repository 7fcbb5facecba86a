package dev.shoal.mesos;

import java.util.List;

/**
 * A v1 executor call, POSTed to {@code /api/v1/executor} of the agent, always with the framework
 * and executor ids (see {@link MesosJson#encodeExecutorCall}).
 */
public sealed interface ExecutorCall {

  /** Opens the executor's stream, naming what it has not seen acknowledged (after a restart). */
  record Subscribe(List<TaskInfo> unacknowledgedTasks, List<TaskStatus> unacknowledgedUpdates)
      implements ExecutorCall {
    public Subscribe {
      unacknowledgedTasks = List.copyOf(unacknowledgedTasks);
      unacknowledgedUpdates = List.copyOf(unacknowledgedUpdates);
    }
  }

  /** A status update with a fresh uuid; kept until ACKNOWLEDGED. */
  record Update(TaskStatus status) implements ExecutorCall {}

  /** Bytes for the scheduler (unreliable). */
  record Message(Bytes data) implements ExecutorCall {}
}

package dev.shoal.mesos.fake;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.FrameworkInfo;
import dev.shoal.mesos.TaskId;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.TaskStatus;

/** Status updates the master makes up (reconciliation, agent loss, invalid launches). */
final class MasterStatuses {
  private MasterStatuses() {}

  /** A status from the master: no uuid, so the scheduler must not acknowledge it. */
  static TaskStatus of(
      TaskId id,
      TaskState state,
      TaskStatus.Reason reason,
      AgentId agent,
      String message,
      double timestamp) {
    return new TaskStatus(
        id,
        state,
        TaskStatus.Source.SOURCE_MASTER,
        reason,
        message,
        agent,
        null,
        null,
        null,
        timestamp);
  }

  /** What an unknown task is reported as: UNKNOWN for PARTITION_AWARE frameworks, else LOST. */
  static TaskState unknown(FrameworkInfo framework) {
    return framework != null && framework.hasCapability("PARTITION_AWARE")
        ? TaskState.TASK_UNKNOWN
        : TaskState.TASK_LOST;
  }
}

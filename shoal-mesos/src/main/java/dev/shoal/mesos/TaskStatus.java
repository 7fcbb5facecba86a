package dev.shoal.mesos;

/**
 * A task status update. Updates from an agent or executor carry a {@code uuid} and are resent until
 * the scheduler acknowledges that uuid; updates the master makes up (reconciliation, agent loss)
 * carry none and must not be acknowledged.
 *
 * @param reason may be {@code null}
 * @param message may be {@code null}
 * @param agentId may be {@code null}
 * @param executorId may be {@code null}
 * @param uuid may be {@code null}
 * @param data may be {@code null}
 * @param timestamp seconds since the epoch, or NaN when absent
 */
public record TaskStatus(
    TaskId taskId,
    TaskState state,
    Source source,
    Reason reason,
    String message,
    AgentId agentId,
    ExecutorId executorId,
    Bytes uuid,
    Bytes data,
    double timestamp) {

  public TaskStatus {
    if (taskId == null || state == null) {
      throw new IllegalArgumentException("task_id and state are required in a TaskStatus");
    }
  }

  /** A status with only the required fields and a source. */
  public static TaskStatus of(TaskId taskId, TaskState state, Source source) {
    return new TaskStatus(taskId, state, source, null, null, null, null, null, null, Double.NaN);
  }

  /** Who made the update. */
  public enum Source {
    SOURCE_MASTER,
    SOURCE_AGENT,
    SOURCE_EXECUTOR
  }

  /** Why the state changed: every reason of Mesos 1.11. */
  public enum Reason {
    REASON_COMMAND_EXECUTOR_FAILED,
    REASON_CONTAINER_LAUNCH_FAILED,
    REASON_CONTAINER_LIMITATION,
    REASON_CONTAINER_LIMITATION_DISK,
    REASON_CONTAINER_LIMITATION_MEMORY,
    REASON_CONTAINER_PREEMPTED,
    REASON_CONTAINER_UPDATE_FAILED,
    REASON_MAX_COMPLETION_TIME_REACHED,
    REASON_EXECUTOR_REGISTRATION_TIMEOUT,
    REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
    REASON_EXECUTOR_TERMINATED,
    REASON_EXECUTOR_UNREGISTERED,
    REASON_FRAMEWORK_REMOVED,
    REASON_GC_ERROR,
    REASON_INVALID_FRAMEWORKID,
    REASON_INVALID_OFFERS,
    REASON_IO_SWITCHBOARD_EXITED,
    REASON_MASTER_DISCONNECTED,
    REASON_RECONCILIATION,
    REASON_RESOURCES_UNKNOWN,
    REASON_AGENT_DISCONNECTED,
    REASON_AGENT_DRAINING,
    REASON_AGENT_REMOVED,
    REASON_AGENT_REMOVED_BY_OPERATOR,
    REASON_AGENT_REREGISTERED,
    REASON_AGENT_RESTARTED,
    REASON_AGENT_UNKNOWN,
    REASON_TASK_KILLED_DURING_LAUNCH,
    REASON_TASK_CHECK_STATUS_UPDATED,
    REASON_TASK_HEALTH_CHECK_STATUS_UPDATED,
    REASON_TASK_GROUP_INVALID,
    REASON_TASK_GROUP_UNAUTHORIZED,
    REASON_TASK_INVALID,
    REASON_TASK_UNAUTHORIZED,
    REASON_TASK_UNKNOWN
  }
}

package dev.shoal.mesos;

/** The state in a task status update (protobuf names; the numbers are Mesos' own). */
public enum TaskState {
  TASK_STAGING(false),
  TASK_STARTING(false),
  TASK_RUNNING(false),
  TASK_KILLING(false),
  TASK_FINISHED(true),
  TASK_FAILED(true),
  TASK_KILLED(true),
  TASK_ERROR(true),
  TASK_LOST(true),
  TASK_DROPPED(true),
  TASK_UNREACHABLE(false),
  TASK_GONE(true),
  TASK_GONE_BY_OPERATOR(true),
  TASK_UNKNOWN(true);

  private final boolean terminal;

  TaskState(boolean terminal) {
    this.terminal = terminal;
  }

  /**
   * True when the task will not run again. UNREACHABLE is not terminal: the agent may come back and
   * the task with it; UNKNOWN is terminal as far as the scheduler can act.
   */
  public boolean terminal() {
    return terminal;
  }
}

package dev.shoal.mesos;

/** A v1 executor event, read from the executor's RecordIO stream. */
public sealed interface ExecutorEvent {

  /** The first event: who the executor is, for which framework, on which agent. */
  record Subscribed(
      ExecutorInfo executorInfo, FrameworkInfo framework, AgentId agentId, String agentHostname)
      implements ExecutorEvent {}

  record Launch(TaskInfo task) implements ExecutorEvent {}

  record Kill(TaskId taskId) implements ExecutorEvent {}

  record Acknowledged(TaskId taskId, Bytes uuid) implements ExecutorEvent {}

  record Message(Bytes data) implements ExecutorEvent {}

  /** Kill every task and exit. */
  record Shutdown() implements ExecutorEvent {}

  record Error(String message) implements ExecutorEvent {}

  record Heartbeat() implements ExecutorEvent {}

  /** LAUNCH_GROUP and anything newer; ignored. */
  record Other(String type) implements ExecutorEvent {}
}

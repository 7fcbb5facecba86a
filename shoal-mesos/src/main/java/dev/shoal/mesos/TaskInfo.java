package dev.shoal.mesos;

import java.util.List;

/**
 * A task to launch on the agent of an offer. Exactly one of {@code command} (the built-in command
 * executor) and {@code executor} (a custom one) is set.
 *
 * @param container may be {@code null}
 * @param data opaque bytes handed to a custom executor, or {@code null}
 */
public record TaskInfo(
    String name,
    TaskId taskId,
    AgentId agentId,
    List<Resource> resources,
    CommandInfo command,
    ExecutorInfo executor,
    ContainerInfo container,
    Bytes data) {
  public TaskInfo {
    resources = List.copyOf(resources);
    if ((command == null) == (executor == null)) {
      throw new IllegalArgumentException(
          "task " + taskId + " must have exactly one of command and executor");
    }
  }

  /** A command task without container or data. */
  public static TaskInfo command(
      String name, TaskId id, AgentId agent, List<Resource> resources, CommandInfo command) {
    return new TaskInfo(name, id, agent, resources, command, null, null, null);
  }
}

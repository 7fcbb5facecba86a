package dev.shoal.mesos;

import java.util.List;

/**
 * A custom executor: its command is run by the agent, then it speaks the v1 Executor API.
 *
 * @param frameworkId may be {@code null} in a scheduler's ACCEPT (the master fills it in)
 * @param container may be {@code null}
 */
public record ExecutorInfo(
    ExecutorId executorId,
    FrameworkId frameworkId,
    String name,
    CommandInfo command,
    List<Resource> resources,
    ContainerInfo container) {
  public ExecutorInfo {
    resources = List.copyOf(resources);
  }
}

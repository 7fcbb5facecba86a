package dev.shoal.mesos;

import java.util.List;

/**
 * Resources of one agent offered to one framework, valid until accepted, declined or rescinded.
 *
 * @param executorIds the framework's executors already running on that agent
 */
public record Offer(
    OfferId id,
    FrameworkId frameworkId,
    AgentId agentId,
    String hostname,
    List<Resource> resources,
    List<ExecutorId> executorIds) {
  public Offer {
    resources = List.copyOf(resources);
    executorIds = List.copyOf(executorIds);
  }

  public double cpus() {
    return Resource.sum(resources, Resource.CPUS);
  }

  /** The role the offer's cpus are allocated to (what a LAUNCH must name), {@code *} if none. */
  public String cpusRole() {
    for (Resource r : resources) {
      if (r.name().equals(Resource.CPUS)) {
        return r.role();
      }
    }
    return Resource.ANY_ROLE;
  }

  public double memMegabytes() {
    return Resource.sum(resources, Resource.MEM);
  }

  public double diskMegabytes() {
    return Resource.sum(resources, Resource.DISK);
  }
}

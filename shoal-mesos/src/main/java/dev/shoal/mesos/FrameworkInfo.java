package dev.shoal.mesos;

import java.util.List;

/**
 * Who the scheduler is. {@code id} is {@code null} on the first subscription and the id the master
 * gave on every later one (failover). A large {@code failoverTimeoutSeconds} keeps the tasks
 * running while the scheduler is away; with {@code checkpoint} the agents keep them across their
 * own restarts.
 *
 * @param capabilities capability names such as {@code MULTI_ROLE}, {@code PARTITION_AWARE}
 */
public record FrameworkInfo(
    String user,
    String name,
    FrameworkId id,
    List<String> roles,
    double failoverTimeoutSeconds,
    boolean checkpoint,
    String hostname,
    List<String> capabilities) {
  public FrameworkInfo {
    roles = List.copyOf(roles);
    capabilities = List.copyOf(capabilities);
    if (user == null || user.isEmpty() || name == null || name.isEmpty()) {
      throw new IllegalArgumentException("framework user and name are required by Mesos");
    }
  }

  /**
   * What Shoal's schedulers (the back end and the factory's launcher) subscribe as: one role,
   * {@code MULTI_ROLE}, checkpointing, no host name.
   */
  public static FrameworkInfo shoal(
      String user, String name, FrameworkId id, String role, double failoverTimeoutSeconds) {
    return new FrameworkInfo(
        user, name, id, List.of(role), failoverTimeoutSeconds, true, null, List.of("MULTI_ROLE"));
  }

  public FrameworkInfo withId(FrameworkId newId) {
    return new FrameworkInfo(
        user, name, newId, roles, failoverTimeoutSeconds, checkpoint, hostname, capabilities);
  }

  public boolean hasCapability(String capability) {
    return capabilities.contains(capability);
  }
}

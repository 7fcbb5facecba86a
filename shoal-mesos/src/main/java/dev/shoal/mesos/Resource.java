package dev.shoal.mesos;

import java.util.List;

/**
 * One scalar resource: {@code {"name":"cpus","type":"SCALAR","scalar":{"value":2},"role":"*"}}.
 *
 * <p>Only scalars are modelled (cpus, mem in MB, disk in MB, gpus); the codec skips ranges and sets
 * (e.g. {@code ports}) that a real master puts in offers, since Shoal never asks for them. {@code
 * role} is the role the resource is allocated to ({@code allocation_info.role}), "*" when
 * unreserved and no allocation is given.
 */
public record Resource(String name, double value, String role) {
  public static final String CPUS = "cpus";
  public static final String MEM = "mem";
  public static final String DISK = "disk";
  public static final String ANY_ROLE = "*";

  public Resource {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("resource name is empty");
    }
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("resource " + name + " has value " + value);
    }
    if (role == null || role.isEmpty()) {
      role = ANY_ROLE;
    }
  }

  public static Resource cpus(double value, String role) {
    return new Resource(CPUS, value, role);
  }

  public static Resource mem(double megabytes, String role) {
    return new Resource(MEM, megabytes, role);
  }

  public static Resource disk(double megabytes, String role) {
    return new Resource(DISK, megabytes, role);
  }

  /** The sum of the resources named {@code name} in {@code resources}; 0 when there is none. */
  public static double sum(List<Resource> resources, String name) {
    double total = 0;
    for (Resource r : resources) {
      if (r.name.equals(name)) {
        total += r.value;
      }
    }
    return total;
  }
}

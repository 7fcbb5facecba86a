package dev.shoal.mesos;

/**
 * The container a task or executor runs in: the Mesos containerizer with a Docker image (unified
 * image support), or the Docker containerizer.
 */
public sealed interface ContainerInfo {

  /** {@code {"type":"MESOS","mesos":{"image":{"type":"DOCKER","docker":{"name":image}}}}}. */
  record Mesos(String dockerImage) implements ContainerInfo {}

  /** {@code {"type":"DOCKER","docker":{"image":image,"network":network,"force_pull_image":..}}}. */
  record Docker(String image, Network network, boolean forcePullImage) implements ContainerInfo {}

  /** Docker network modes. */
  enum Network {
    HOST,
    BRIDGE,
    NONE,
    USER
  }
}

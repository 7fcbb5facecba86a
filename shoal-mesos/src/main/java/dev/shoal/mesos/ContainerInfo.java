package dev.shoal.mesos;

import java.util.List;

/**
 * The container a task or executor runs in: the Mesos containerizer with a Docker image (unified
 * image support), or the Docker containerizer. Either may bind-mount host directories.
 */
public sealed interface ContainerInfo {

  /** Host directories mounted into the container, in order. */
  List<Volume> volumes();

  /**
   * {@code {"type":"MESOS","mesos":{"image":{"type":"DOCKER","docker":{"name":image}}}}}. The image
   * is taken from the agent's store when it is there ({@code Image.cached} is left at its default,
   * true), so an image present on the agents is never pulled again.
   */
  record Mesos(String dockerImage, List<Volume> volumes) implements ContainerInfo {
    public Mesos {
      volumes = List.copyOf(volumes);
    }

    public Mesos(String dockerImage) {
      this(dockerImage, List.of());
    }
  }

  /** {@code {"type":"DOCKER","docker":{"image":image,"network":network,"force_pull_image":..}}}. */
  record Docker(String image, Network network, boolean forcePullImage, List<Volume> volumes)
      implements ContainerInfo {
    public Docker {
      volumes = List.copyOf(volumes);
    }

    public Docker(String image, Network network, boolean forcePullImage) {
      this(image, network, forcePullImage, List.of());
    }
  }

  /** Docker network modes. */
  enum Network {
    HOST,
    BRIDGE,
    NONE,
    USER
  }

  /**
   * {@code {"container_path":..,"host_path":..,"mode":"RO"|"RW"}}: {@code hostPath} of the agent
   * seen at {@code containerPath} inside the container.
   */
  record Volume(String containerPath, String hostPath, Mode mode) {
    public Volume {
      if (containerPath == null || containerPath.isEmpty()) {
        throw new IllegalArgumentException("a volume needs a container path");
      }
    }

    /** Read-only or read-write. */
    public enum Mode {
      RW,
      RO
    }
  }
}

package dev.shoal.mesos.backend;

import dev.shoal.mesos.ContainerInfo;
import java.util.List;
import java.util.Map;

/**
 * Which Docker image each task runs in ({@code --docker}, {@code --docker-category}) and through
 * which containerizer ({@code --mesos-containerizer}): builds the task's {@link ContainerInfo}.
 * Immutable.
 *
 * <p>The task launcher is Java but an image need not hold a JDK: the agent's JDK ({@code javaHome},
 * a path on every agent) is mounted read-only at the same path inside the container, and the
 * launcher is run with its {@code bin/java}. The launcher reaches the engine's file server over the
 * host's network: the Docker containerizer is asked for {@code network: HOST}, and the Mesos
 * containerizer shares the host's network unless told otherwise. Inside, the sandbox is at {@code
 * /mnt/mesos/sandbox} ({@code MESOS_SANDBOX}), the working directory of the command.
 *
 * @param image the image of every task whose category has none of its own, or {@code null}
 * @param categoryImages the image of the tasks of a category
 * @param containerizer which containerizer runs the images
 * @param javaHome the JDK's home on the agents, or {@code null} when no task runs in an image
 */
public record Containers(
    String image,
    Map<String, String> categoryImages,
    Containerizer containerizer,
    String javaHome) {

  /** {@code --mesos-containerizer=mesos|docker}. */
  public enum Containerizer {
    /** The Mesos containerizer with a Docker image (unified image support): the default. */
    MESOS,
    /** The Docker containerizer ({@code docker run} on the agent). */
    DOCKER
  }

  /** No task runs in a container. */
  public static final Containers NONE = new Containers(null, Map.of(), Containerizer.MESOS, null);

  public Containers {
    categoryImages = Map.copyOf(categoryImages);
    if (image != null && image.isBlank()) {
      throw new IllegalArgumentException("--docker needs an image name, e.g. --docker debian:12");
    }
    categoryImages.forEach(
        (category, name) -> {
          if (name.isBlank()) {
            throw new IllegalArgumentException(
                "--docker-category " + category + "= needs an image name after the '='");
          }
        });
    if ((image != null || !categoryImages.isEmpty())
        && (javaHome == null || !javaHome.startsWith("/"))) {
      throw new IllegalArgumentException(
          "tasks in Docker images run the launcher with the agents' JDK mounted into the image,"
              + " but its home is not known (got "
              + javaHome
              + ") — give --mesos-java-home DIR or an absolute --mesos-java DIR/bin/java");
    }
  }

  /**
   * The JDK home that {@code java} (a {@code --mesos-java} command) lives in: {@code /x} for {@code
   * /x/bin/java}, otherwise {@code null}.
   */
  public static String homeOf(String java) {
    String suffix = "/bin/java";
    return java.startsWith("/") && java.endsWith(suffix) && java.length() > suffix.length()
        ? java.substring(0, java.length() - suffix.length())
        : null;
  }

  /** The image the tasks of {@code category} run in, or {@code null} to run them on the host. */
  String imageOf(String category) {
    return categoryImages.getOrDefault(category, image);
  }

  /** The container for a task of {@code category}, or {@code null} for none. */
  ContainerInfo containerOf(String category) {
    String name = imageOf(category);
    if (name == null) {
      return null;
    }
    List<ContainerInfo.Volume> jdk =
        List.of(new ContainerInfo.Volume(javaHome, javaHome, ContainerInfo.Volume.Mode.RO));
    return switch (containerizer) {
      case MESOS -> new ContainerInfo.Mesos(name, jdk);
      // Never forced: an image already on the agent is used as it is (tests have no registry).
      case DOCKER -> new ContainerInfo.Docker(name, ContainerInfo.Network.HOST, false, jdk);
    };
  }

  /** The java command inside a container: the mounted JDK's. */
  String java() {
    return javaHome + "/bin/java";
  }
}

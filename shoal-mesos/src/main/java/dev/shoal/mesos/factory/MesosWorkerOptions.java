package dev.shoal.mesos.factory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the factory's Mesos launcher reaches the cluster and what it runs there.
 *
 * @param masters {@code host:port} of the Mesos masters, tried in turn (a non-leading one redirects
 *     to the leader)
 * @param workerJar the worker jar ({@code shoal-worker.jar}) served to the agents' fetchers
 * @param java the java command on the agents
 * @param fileHost the name agents reach this machine by, for the jar's URL
 * @param role the role whose offers are taken
 * @param user the user workers run as
 * @param failoverTimeout how long the master keeps the workers after the factory's connection is
 *     lost; a factory killed with SIGKILL leaves its workers that long (they also leave by their
 *     idle timeout)
 * @param grace how long {@code close()} waits for killed workers to end before TEARDOWN
 * @param defaultCores cpus of a worker when {@code --cores} is not given
 * @param defaultMemoryMb memory of a worker when {@code --memory} is not given
 * @param defaultDiskMb disk of a worker when {@code --disk} is not given
 */
public record MesosWorkerOptions(
    List<String> masters,
    Path workerJar,
    String java,
    String fileHost,
    String role,
    String user,
    Duration failoverTimeout,
    Duration grace,
    int defaultCores,
    long defaultMemoryMb,
    long defaultDiskMb) {

  public MesosWorkerOptions {
    Objects.requireNonNull(workerJar, "workerJar");
    masters = List.copyOf(masters);
    if (masters.isEmpty() || masters.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("-T mesos needs --mesos-master=HOST:PORT[,HOST:PORT...]");
    }
    if (defaultCores < 1 || defaultMemoryMb < 1 || defaultDiskMb < 1) {
      throw new IllegalArgumentException(
          "default worker size must be positive: cores="
              + defaultCores
              + " memory="
              + defaultMemoryMb
              + " disk="
              + defaultDiskMb);
    }
  }

  /** Defaults: role {@code *}, 60 s failover, 10 s grace, workers of 1 core, 512 MB, 1024 MB. */
  public static MesosWorkerOptions of(String master, Path workerJar) {
    return of(List.of(master), workerJar);
  }

  /** The same defaults, for masters tried in turn. */
  public static MesosWorkerOptions of(List<String> masters, Path workerJar) {
    return new MesosWorkerOptions(
        masters,
        workerJar,
        "java",
        "127.0.0.1",
        "*",
        System.getProperty("user.name", "nobody"),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        1,
        512,
        1024);
  }

  public MesosWorkerOptions withJava(String newJava) {
    return new MesosWorkerOptions(
        masters,
        workerJar,
        newJava,
        fileHost,
        role,
        user,
        failoverTimeout,
        grace,
        defaultCores,
        defaultMemoryMb,
        defaultDiskMb);
  }

  public MesosWorkerOptions withFileHost(String host) {
    return new MesosWorkerOptions(
        masters,
        workerJar,
        java,
        host,
        role,
        user,
        failoverTimeout,
        grace,
        defaultCores,
        defaultMemoryMb,
        defaultDiskMb);
  }

  public MesosWorkerOptions withIdentity(String newRole, String newUser) {
    return new MesosWorkerOptions(
        masters,
        workerJar,
        java,
        fileHost,
        newRole,
        newUser,
        failoverTimeout,
        grace,
        defaultCores,
        defaultMemoryMb,
        defaultDiskMb);
  }
}

package dev.shoal.cli;

import dev.shoal.mesos.factory.MesosWorkerOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code shoal factory -T mesos}, a picocli mixin of {@link FactoryCommand}. */
final class FactoryMesosOptions {
  @Option(
      names = "--mesos-master",
      paramLabel = "HOST:PORT",
      description = "-T mesos: the Mesos master (a non-leading one redirects to the leader).")
  String master;

  @Option(
      names = "--mesos-worker-jar",
      paramLabel = "JAR",
      description =
          "-T mesos: the worker jar agents fetch (default: $SHOAL_WORKER_JAR, else this build's"
              + " shoal-worker.jar).")
  Path workerJar;

  @Option(
      names = "--mesos-java",
      paramLabel = "CMD",
      description = "-T mesos: the java command on the agents (default: java).")
  String java = "java";

  @Option(
      names = "--mesos-file-host",
      paramLabel = "HOST",
      description = "-T mesos: the name agents reach this machine by (default: its host name).")
  String fileHost;

  @Option(
      names = "--mesos-role",
      paramLabel = "ROLE",
      description = "-T mesos: the role to take offers of (default: *).")
  String role = "*";

  @Option(
      names = "--mesos-user",
      paramLabel = "USER",
      description = "-T mesos: the user workers run as (default: you).")
  String user = System.getProperty("user.name", "nobody");

  /**
   * @throws IllegalArgumentException with what to do when an option is wrong
   */
  MesosWorkerOptions options() {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("-T mesos needs --mesos-master=HOST:PORT");
    }
    String first = master.split(",")[0].strip();
    return MesosWorkerOptions.of(
            first, workerJar != null ? workerJar : MesosCliOptions.defaultJar())
        .withJava(java)
        .withFileHost(fileHost != null ? fileHost : hostName())
        .withIdentity(role, user);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}

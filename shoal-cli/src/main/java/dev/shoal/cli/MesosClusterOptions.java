package dev.shoal.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a command reaches a Mesos cluster and runs things on its agents: the options {@code shoal run
 * -T mesos} and {@code shoal factory -T mesos} share, a picocli mixin of {@link MesosCliOptions}
 * and {@link FactoryMesosOptions}.
 */
final class MesosClusterOptions {
  @Option(
      names = "--mesos-master",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "-T mesos: the Mesos master(s), tried in turn; a non-leading one redirects to the"
              + " leader.")
  String master;

  @Option(
      names = "--mesos-role",
      paramLabel = "ROLE",
      description = "-T mesos: the role to take offers of (default: *).")
  String role = "*";

  @Option(
      names = "--mesos-user",
      paramLabel = "USER",
      description = "-T mesos: the user to run as on the agents (default: you).")
  String user = System.getProperty("user.name", "nobody");

  @Option(
      names = "--mesos-file-host",
      paramLabel = "HOST",
      description = "-T mesos: the name agents reach this machine by (default: its host name).")
  String fileHost;

  @Option(
      names = "--mesos-java",
      paramLabel = "CMD",
      description = "-T mesos: the java command on the agents (default: java).")
  String java = "java";

  /**
   * The masters given, in order.
   *
   * @throws IllegalArgumentException with what to do when none is given
   */
  List<String> masters() {
    List<String> masters =
        master == null
            ? List.of()
            : Arrays.stream(master.split(","))
                .map(String::strip)
                .filter(m -> !m.isEmpty())
                .toList();
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("-T mesos needs --mesos-master=HOST:PORT");
    }
    return masters;
  }

  /** The name agents reach this machine by: {@code --mesos-file-host}, else the host's name. */
  String fileHostOrDefault() {
    if (fileHost != null) {
      return fileHost;
    }
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}

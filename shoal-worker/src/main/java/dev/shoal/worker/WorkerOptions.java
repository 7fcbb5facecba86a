package dev.shoal.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * What a worker was told on its command line. Immutable; made by {@link OptionParser}.
 *
 * @param manager the manager to connect to, or empty when found through the catalog
 * @param projects {@code -M} patterns (whole-name regular expressions); empty with {@code manager}
 * @param catalogs catalog servers to ask for managers matching {@code projects}
 * @param cores cores to offer, or empty to offer what the machine has (also for {@code --cores=0})
 * @param memoryMb memory to offer in MB, or empty for the machine's
 * @param diskMb disk to offer in MB, or empty for the free space of the work directory
 * @param gpus GPUs to offer, or empty for none detected (0)
 * @param idleTimeout how long the worker waits with no task (connected or not) before it exits
 * @param passwordFile file holding the shared password, or empty for none
 * @param workdir where the worker makes its own directory
 * @param wallTime how long the worker may live, or empty for no limit
 * @param minBackoff first wait before reconnecting
 * @param maxBackoff longest wait before reconnecting (the wait doubles from {@code minBackoff})
 * @param features {@code --feature} names announced to the manager
 * @param protocol the protocol version announced: 9 (cctools 8) or 11
 * @param protocolGiven {@code --protocol} was given: a manager found through the catalog gets
 *     {@code protocol} whatever its record says
 * @param parentDeath {@code --parent-death}: exit when the process that started the worker ends
 * @param ssl {@code --ssl}: connect through TLS (the manager's certificate is not verified, as with
 *     cctools)
 * @param singleShot exit after the first connection ends instead of reconnecting
 * @param arch the architecture announced
 * @param os the operating system announced
 */
record WorkerOptions(
    Optional<HostPort> manager,
    List<Pattern> projects,
    List<HostPort> catalogs,
    OptionalDouble cores,
    OptionalDouble memoryMb,
    OptionalDouble diskMb,
    OptionalDouble gpus,
    Duration idleTimeout,
    Optional<Path> passwordFile,
    Path workdir,
    Optional<Duration> wallTime,
    Duration minBackoff,
    Duration maxBackoff,
    List<String> features,
    int protocol,
    boolean protocolGiven,
    boolean parentDeath,
    boolean ssl,
    boolean singleShot,
    String arch,
    String os) {

  WorkerOptions {
    Objects.requireNonNull(manager);
    projects = List.copyOf(projects);
    catalogs = List.copyOf(catalogs);
    features = List.copyOf(features);
    if (manager.isPresent() == !projects.isEmpty()) {
      throw new IllegalArgumentException(
          "give either HOST PORT or -M PROJECT, not both or neither");
    }
    if (protocol != 9 && protocol != 11) {
      throw new IllegalArgumentException("protocol must be 9 or 11, got " + protocol);
    }
  }

  /** A host and a TCP port. */
  record HostPort(String host, int port) {
    HostPort {
      if (host.isEmpty()) {
        throw new IllegalArgumentException("empty host name");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not in 1..65535");
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}

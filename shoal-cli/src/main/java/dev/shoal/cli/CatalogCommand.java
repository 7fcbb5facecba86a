package dev.shoal.cli;

import dev.shoal.wq.catalog.CatalogServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shoal catalog [options]}, also run as {@code catalog_server}: a catalog server that Work
 * Queue managers and workers (ours or cctools') advertise to and {@code catalog_query} / {@code
 * work_queue_status} read. Options keep cctools' names where the feature exists.
 *
 * <p>Runs until SIGINT or SIGTERM, then exits 0; 1 when a port cannot be bound; 2 for bad usage.
 */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Runs a catalog server: takes JSON updates over UDP on PORT and TCP on PORT+1,",
      "answers /query.json, /query.text, /query.html, /query/<base64 JX>, /detail/<key> on PORT.",
      "Runs until interrupted."
    })
final class CatalogCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "HTTP query and UDP update port (default ${DEFAULT-VALUE}; 0 = any free).")
  int port = 9097;

  @Option(
      names = "--update-port",
      paramLabel = "PORT",
      description = "TCP update port (default PORT+1; 0 = any free).")
  int updatePort = -1;

  @Option(
      names = {"-l", "--lifetime"},
      paramLabel = "SECONDS",
      description = "Seconds a record lives after its last update (default ${DEFAULT-VALUE}).")
  long lifetime = 1800;

  @Option(
      names = {"-I", "--interface"},
      paramLabel = "ADDR",
      description = "Listen only on this address (default: all).")
  String bindAddress;

  @Option(
      names = {"-Z", "--port-file"},
      paramLabel = "FILE",
      description = "Write the bound port to FILE once listening (use with -p 0).")
  Path portFile;

  @Option(
      names = {"-n", "--name"},
      paramLabel = "NAME",
      description = "Name shown on the HTML pages (default: this host's name).")
  String name;

  @Option(
      names = "--max-records",
      paramLabel = "N",
      description =
          "Most records kept; updates for new keys past it are dropped (default ${DEFAULT-VALUE}).")
  int maxRecords = 10_000;

  /** Counted down by SIGINT/SIGTERM; tests count it down to stop the server. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    String tool = spec.commandLine().getCommandName();
    if (lifetime < 1 || maxRecords < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--lifetime and --max-records must be at least 1");
    }
    CatalogServer.Config config =
        CatalogServer.Config.defaults()
            .withPort(port)
            .withUpdatePort(updatePort)
            .withLifetime(Duration.ofSeconds(lifetime))
            .withLimits(maxRecords, 1 << 20)
            .withBindAddress(address())
            .withTitle((name != null ? name : hostName()) + " catalog server");
    CatalogServer server;
    try {
      server = CatalogServer.start(config);
    } catch (IOException e) {
      err.println(tool + ": " + e.getMessage() + " (is another catalog server running? try -p)");
      return 1;
    }
    try (server) {
      err.printf(
          "%s: listening on port %d (HTTP queries, UDP updates) and %d (TCP updates)%n",
          tool, server.port(), server.updatePort());
      err.flush();
      if (portFile != null) {
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, server.port() + "\n");
        Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      Signals.onInterrupt(stop::countDown, () -> {});
      stop.await();
    }
    return 0;
  }

  private InetAddress address() {
    if (bindAddress == null) {
      return null;
    }
    try {
      return InetAddress.getByName(bindAddress);
    } catch (UnknownHostException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--interface " + bindAddress + " is not a known address");
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}

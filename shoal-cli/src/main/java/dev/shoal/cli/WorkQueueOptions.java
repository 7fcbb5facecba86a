package dev.shoal.cli;

import dev.shoal.wire.Tls;
import dev.shoal.wq.manager.ManagerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * makeflow's Work Queue options ({@code -T wq}), turned into {@link ManagerOptions}. A mixin of
 * {@link RunCommand}; options that only cctools' scheduler knows are accepted and ignored.
 */
final class WorkQueueOptions {
  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "-T wq: the port workers connect to (default 9123; 0 = any free port).")
  int port = 9123;

  @Option(
      names = {"-Z", "--port-file"},
      paramLabel = "FILE",
      description = "-T wq: write the port to FILE once listening (implies -p 0 unless -p given).")
  Path portFile;

  @Option(
      names = {"-N", "-M", "--project-name"},
      paramLabel = "NAME",
      description = "-T wq: the project name; advertised to the catalog so workers can find it.")
  String project;

  @Option(
      names = "--password",
      paramLabel = "FILE",
      description = "-T wq: workers must prove they know the password in FILE.")
  Path passwordFile;

  @Option(
      names = "--ssl-cert",
      paramLabel = "FILE",
      description = "-T wq: accept workers over TLS with this PEM certificate (with --ssl-key).")
  Path sslCert;

  @Option(
      names = "--ssl-key",
      paramLabel = "FILE",
      description = "-T wq: the PEM private key of --ssl-cert (unencrypted).")
  Path sslKey;

  @Option(
      names = {"-C", "--catalog-server"},
      paramLabel = "HOST:PORT",
      description = "-T wq: the catalog to advertise to (default: CATALOG_HOST).")
  String catalog;

  @Option(
      names = {"-t", "--keepalive-timeout"},
      paramLabel = "SECONDS",
      description = "-T wq: remove a worker that does not answer a keepalive within (default 30).")
  int keepaliveTimeout = 30;

  @Option(
      names = {"-u", "--keepalive-interval"},
      paramLabel = "SECONDS",
      description = "-T wq: send a keepalive to a worker silent for (default 120).")
  int keepaliveInterval = 120;

  @Option(
      names = {"-F", "--fast-abort"},
      paramLabel = "MULTIPLIER",
      description = "-T wq: move a task running MULTIPLIER times its category's average elsewhere.")
  double fastAbort;

  @Option(
      names = "--cache-mode",
      paramLabel = "MODE",
      description = "-T wq: never, workflow (default) or forever: whether inputs stay on workers.")
  String cacheMode = "workflow";

  @Option(
      names = "--disable-cache",
      description = "-T wq: send every input for each task (same as --cache-mode=never).")
  boolean disableCache;

  @Option(
      names = {"-P", "--priority"},
      paramLabel = "N",
      description = "-T wq: accepted for compatibility (one manager per run).")
  int priority;

  @Option(
      names = {"-W", "--schedule"},
      paramLabel = "MODE",
      description = "-T wq: accepted for compatibility; Shoal prefers workers caching the inputs.")
  String schedule;

  @Option(
      names = "--preferred-connection",
      paramLabel = "MODE",
      description = "-T wq: accepted for compatibility (workers connect by IP).")
  String preferredConnection;

  /**
   * The manager's options.
   *
   * @param workDir where relative paths are resolved
   * @param measure whether tasks should report their usage
   * @throws IllegalArgumentException for a value that cannot be used (the message says which)
   */
  ManagerOptions toManagerOptions(Path workDir, boolean measure, boolean portGiven)
      throws IOException {
    if (keepaliveTimeout <= 0 || keepaliveInterval <= 0) {
      throw new IllegalArgumentException(
          "-t and -u take a positive number of seconds, got -t "
              + keepaliveTimeout
              + " -u "
              + keepaliveInterval);
    }
    ManagerOptions.CacheMode mode;
    try {
      mode = ManagerOptions.CacheMode.valueOf(cacheMode.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--cache-mode " + cacheMode + " is not one of never, workflow, forever", e);
    }
    if (disableCache) {
      mode = ManagerOptions.CacheMode.NEVER;
    }
    byte[] password = null;
    if (passwordFile != null) {
      Path p = workDir.resolve(passwordFile);
      try {
        password = Files.readAllBytes(p);
      } catch (IOException e) {
        throw new IOException("cannot read the password file " + p + ": " + e.getMessage(), e);
      }
    }
    if ((sslCert == null) != (sslKey == null)) {
      throw new IllegalArgumentException(
          "--ssl-cert and --ssl-key go together — give both PEM files, or neither for plain TCP");
    }
    javax.net.ssl.SSLContext tls =
        sslCert == null ? null : Tls.server(workDir.resolve(sslCert), workDir.resolve(sslKey));
    int listen = portFile != null && !portGiven ? 0 : port;
    return ManagerOptions.defaults()
        .withPort(listen)
        .withPortFile(portFile == null ? null : workDir.resolve(portFile))
        .withProject(project, catalog)
        .withPassword(password)
        .withKeepalive(Duration.ofSeconds(keepaliveInterval), Duration.ofSeconds(keepaliveTimeout))
        .withFastAbort(fastAbort)
        .withCacheMode(mode)
        .withMeasureUsage(measure)
        .withTls(tls);
  }
}

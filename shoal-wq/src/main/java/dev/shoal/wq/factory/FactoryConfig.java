package dev.shoal.wq.factory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the factory needs besides its collaborators: which managers, how many workers, and how
 * to start one.
 *
 * @param managers the project names served ({@code -M} regex, found anywhere in the name as POSIX
 *     regexec does); empty in direct mode ({@code HOST PORT})
 * @param direct the manager served directly, when given as {@code HOST PORT}
 * @param policy the demand rules
 * @param workerBinary the worker program
 * @param catalog the catalog's {@code host:port} list passed to workers (empty: their default)
 * @param idleTimeout {@code -t}: a worker with no work for this long exits
 * @param passwordFile {@code -P}: handed to each worker
 * @param extraOptions {@code -E}: more worker arguments
 * @param environment {@code --env}: variables set for each worker
 * @param period how often the factory decides (cctools: 30 s)
 * @param factoryTimeout exit after this long without a manager (empty: never)
 */
public record FactoryConfig(
    Optional<Pattern> managers,
    Optional<Direct> direct,
    DemandPolicy policy,
    String workerBinary,
    String catalog,
    Duration idleTimeout,
    Optional<Path> passwordFile,
    List<String> extraOptions,
    Map<String, String> environment,
    Duration period,
    Optional<Duration> factoryTimeout) {

  /** A manager served directly. */
  public record Direct(String host, int port) {}

  public FactoryConfig {
    Objects.requireNonNull(policy, "policy");
    extraOptions = List.copyOf(extraOptions);
    environment = Map.copyOf(environment);
    if (managers.isEmpty() == direct.isEmpty()) {
      throw new IllegalArgumentException(
          "give either -M PROJECT (managers found through the catalog) or HOST PORT, not both");
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("--period " + period + ": must be positive");
    }
  }

  /** True when {@code project} is one of the managers served (in catalog mode). */
  public boolean serves(String project) {
    return managers.map(p -> p.matcher(project).find()).orElse(true);
  }

  /** The worker's command line: the binary, then cctools worker options. */
  public List<String> workerCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(workerBinary);
    if (managers.isPresent()) {
      cmd.add("-M");
      cmd.add(managers.get().pattern());
      if (!catalog.isEmpty()) {
        cmd.add("-C");
        cmd.add(catalog);
      }
    }
    cmd.add("-t");
    cmd.add(Long.toString(Math.max(1, idleTimeout.toSeconds())));
    WorkerShape s = policy.shape();
    if (s.cores() > 0) {
      cmd.add("--cores=" + s.cores());
    }
    if (s.memoryMb() > 0) {
      cmd.add("--memory=" + s.memoryMb());
    }
    if (s.diskMb() > 0) {
      cmd.add("--disk=" + s.diskMb());
    }
    if (s.gpus() > 0) {
      cmd.add("--gpus=" + s.gpus());
    }
    passwordFile.ifPresent(
        p -> {
          cmd.add("-P");
          cmd.add(p.toString());
        });
    cmd.addAll(extraOptions);
    direct.ifPresent(
        d -> {
          cmd.add(d.host());
          cmd.add(Integer.toString(d.port()));
        });
    return List.copyOf(cmd);
  }
}

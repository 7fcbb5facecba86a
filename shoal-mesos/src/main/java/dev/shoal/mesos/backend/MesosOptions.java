package dev.shoal.mesos.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the Mesos back end runs a workflow. Immutable; built by the CLI ({@code -T mesos}).
 *
 * @param masters {@code host:port} of the masters, tried in turn
 * @param role the role to subscribe with ({@code *} for the default role)
 * @param user the user tasks run as
 * @param failoverTimeout how long the master keeps the tasks when the engine is gone
 * @param defaultCpus cpus of a task whose rule sets no cores
 * @param defaultMemMb memory of a task whose rule sets none
 * @param defaultDiskMb disk of a task whose rule sets none
 * @param maxPerAgent tasks in flight on one agent at most (latency stays low)
 * @param maxShare the fraction of the cluster's cpus this workflow may hold (0–1]
 * @param categoryLimits tasks of a category in flight at most
 * @param maxDownloads concurrent downloads (and uploads) the file server allows
 * @param fileHost the host name agents reach the engine's file server by
 * @param launcherJar the jar holding {@code dev.shoal.worker.launch.TaskLauncher} and its
 *     dependencies, fetched by agents through the fetcher cache
 * @param java the java command on the agents
 * @param lostRetries how many times a task lost by the cluster is run again before it fails
 * @param refuseSeconds refusal filter of declined offers while tasks wait
 * @param oversizeAfter how long a task no agent can hold waits before it fails
 * @param executor which tasks run in the Shoal executor and which through the command executor
 * @param containers which tasks run in a Docker image, and through which containerizer
 */
public record MesosOptions(
    List<String> masters,
    String role,
    String user,
    Duration failoverTimeout,
    double defaultCpus,
    long defaultMemMb,
    long defaultDiskMb,
    int maxPerAgent,
    double maxShare,
    Map<String, Integer> categoryLimits,
    int maxDownloads,
    String fileHost,
    Path launcherJar,
    String java,
    int lostRetries,
    double refuseSeconds,
    Duration oversizeAfter,
    ExecutorChoice executor,
    Containers containers) {

  public MesosOptions {
    masters = List.copyOf(masters);
    categoryLimits = Map.copyOf(categoryLimits);
    Objects.requireNonNull(launcherJar, "launcherJar");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(containers, "containers");
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("-T mesos needs --mesos-master=HOST:PORT");
    }
    if (!(maxShare > 0 && maxShare <= 1)) {
      throw new IllegalArgumentException(
          "--mesos-max-share " + maxShare + " is not a fraction — use a number in (0, 1]");
    }
    if (maxPerAgent < 1) {
      throw new IllegalArgumentException(
          "--mesos-max-per-agent " + maxPerAgent + " must be at least 1");
    }
  }

  /** Defaults for everything but the masters and the launcher. */
  public static MesosOptions of(List<String> masters, Path launcherJar) {
    return new MesosOptions(
        masters,
        "*",
        System.getProperty("user.name", "nobody"),
        Duration.ofDays(7),
        1,
        512,
        1024,
        32,
        1.0,
        Map.of(),
        8,
        "127.0.0.1",
        launcherJar,
        "java",
        3,
        1,
        Duration.ofSeconds(60),
        ExecutorChoice.DEFAULT,
        Containers.NONE);
  }

  public MesosOptions withFileHost(String host) {
    return edit(e -> e.fileHost = host);
  }

  public MesosOptions withJava(String command) {
    return edit(e -> e.java = command);
  }

  public MesosOptions withLimits(
      int perAgent, double share, Map<String, Integer> categories, int downloads) {
    return edit(
        e -> {
          e.maxPerAgent = perAgent;
          e.maxShare = share;
          e.categoryLimits = categories;
          e.maxDownloads = downloads;
        });
  }

  public MesosOptions withDefaults(double cpus, long memMb, long diskMb) {
    return edit(
        e -> {
          e.defaultCpus = cpus;
          e.defaultMemMb = memMb;
          e.defaultDiskMb = diskMb;
        });
  }

  public MesosOptions withIdentity(String newRole, String newUser) {
    return edit(
        e -> {
          e.role = newRole;
          e.user = newUser;
        });
  }

  public MesosOptions withOversizeAfter(Duration d) {
    return edit(e -> e.oversizeAfter = d);
  }

  public MesosOptions withExecutor(ExecutorChoice choice) {
    return edit(e -> e.executor = choice);
  }

  public MesosOptions withContainers(Containers c) {
    return edit(e -> e.containers = c);
  }

  /**
   * A copy with {@code change} applied: the one place besides the record that lists every field.
   */
  private MesosOptions edit(Consumer<Edit> change) {
    Edit e = new Edit(this);
    change.accept(e);
    return e.build();
  }

  /** The fields of a copy being made. */
  private static final class Edit {

    List<String> masters;
    String role;
    String user;
    Duration failoverTimeout;
    double defaultCpus;
    long defaultMemMb;
    long defaultDiskMb;
    int maxPerAgent;
    double maxShare;
    Map<String, Integer> categoryLimits;
    int maxDownloads;
    String fileHost;
    Path launcherJar;
    String java;
    int lostRetries;
    double refuseSeconds;
    Duration oversizeAfter;
    ExecutorChoice executor;
    Containers containers;

    Edit(MesosOptions o) {
      masters = o.masters;
      role = o.role;
      user = o.user;
      failoverTimeout = o.failoverTimeout;
      defaultCpus = o.defaultCpus;
      defaultMemMb = o.defaultMemMb;
      defaultDiskMb = o.defaultDiskMb;
      maxPerAgent = o.maxPerAgent;
      maxShare = o.maxShare;
      categoryLimits = o.categoryLimits;
      maxDownloads = o.maxDownloads;
      fileHost = o.fileHost;
      launcherJar = o.launcherJar;
      java = o.java;
      lostRetries = o.lostRetries;
      refuseSeconds = o.refuseSeconds;
      oversizeAfter = o.oversizeAfter;
      executor = o.executor;
      containers = o.containers;
    }

    MesosOptions build() {
      return new MesosOptions(
          masters,
          role,
          user,
          failoverTimeout,
          defaultCpus,
          defaultMemMb,
          defaultDiskMb,
          maxPerAgent,
          maxShare,
          categoryLimits,
          maxDownloads,
          fileHost,
          launcherJar,
          java,
          lostRetries,
          refuseSeconds,
          oversizeAfter,
          executor,
          containers);
    }
  }
}

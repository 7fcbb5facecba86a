package dev.shoal.cli;

import dev.shoal.engine.spi.Backend;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.mesos.backend.Bundling;
import dev.shoal.mesos.backend.Containers;
import dev.shoal.mesos.backend.ExecutorChoice;
import dev.shoal.mesos.backend.MesosBackend;
import dev.shoal.mesos.backend.MesosOptions;
import dev.shoal.worker.launch.TaskLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code -T mesos}, a picocli mixin of {@code shoal run}. */
final class MesosCliOptions {
  @Mixin MesosClusterOptions cluster = new MesosClusterOptions();

  @Option(
      names = "--mesos-max-share",
      paramLabel = "FRACTION",
      description = "-T mesos: the share of the cluster's cpus this workflow may hold (default 1).")
  double maxShare = 1.0;

  @Option(
      names = "--mesos-category-limit",
      paramLabel = "CATEGORY=N",
      description = "-T mesos: at most N tasks of CATEGORY at once (repeatable).")
  Map<String, Integer> categoryLimits = new HashMap<>();

  @Option(
      names = "--mesos-max-per-agent",
      paramLabel = "N",
      description = "-T mesos: tasks in flight on one agent at most (default 32).")
  int maxPerAgent = 32;

  @Option(
      names = "--mesos-max-downloads",
      paramLabel = "N",
      description = "-T mesos: concurrent file transfers the engine serves (default 8).")
  int maxDownloads = 8;

  @Option(
      names = "--mesos-default-cores",
      paramLabel = "N",
      description = "-T mesos: cpus of a rule that sets no cores (default 1).")
  double defaultCores = 1;

  @Option(
      names = "--mesos-default-memory",
      paramLabel = "MB",
      description = "-T mesos: memory of a rule that sets none (default 512).")
  long defaultMemory = 512;

  @Option(
      names = "--mesos-default-disk",
      paramLabel = "MB",
      description = "-T mesos: disk of a rule that sets none (default 1024).")
  long defaultDisk = 1024;

  @Option(
      names = "--mesos-launcher-jar",
      paramLabel = "JAR",
      description = "-T mesos: the jar agents run tasks with (default: shoal's own jar).")
  Path launcherJar;

  @Option(
      names = "--mesos-executor",
      paramLabel = "auto|shoal|command",
      description =
          "-T mesos: shoal runs tasks in one Shoal executor per agent (fast for short tasks),"
              + " command starts an executor per task; auto (default): shoal unless the category"
              + " is long (--mesos-long-category, or a task of it ran 60 s or more).")
  String executor = "auto";

  @Option(
      names = "--mesos-long-category",
      paramLabel = "CATEGORY",
      description =
          "-T mesos: a category whose tasks go through the command executor (repeatable).")
  Set<String> longCategories = new HashSet<>();

  @Option(
      names = "--mesos-bundle",
      paramLabel = "N",
      description =
          "-T mesos: up to N short rules of a category (under 1 s each, measured on its first 4)"
              + " run as one Mesos task in the Shoal executor, each still with its own result and"
              + " retry (default 32; 1 turns bundling off).")
  int bundle = 32;

  @Option(
      names = "--docker",
      paramLabel = "IMAGE",
      description =
          "-T mesos: run every task in Docker image IMAGE (the agents' JDK is mounted into it"
              + " read-only; the image need not hold one).")
  String docker;

  @Option(
      names = "--docker-category",
      paramLabel = "CATEGORY=IMAGE",
      description = "-T mesos: run the tasks of CATEGORY in Docker image IMAGE (repeatable).")
  Map<String, String> dockerCategories = new LinkedHashMap<>();

  @Option(
      names = "--mesos-containerizer",
      paramLabel = "mesos|docker",
      description =
          "-T mesos: what runs --docker images: mesos (default; the Mesos containerizer) or"
              + " docker (the Docker containerizer). Images are never force-pulled.")
  String containerizer = "mesos";

  @Option(
      names = "--mesos-java-home",
      paramLabel = "DIR",
      description =
          "-T mesos: the JDK's home on the agents, mounted into --docker images (default: the"
              + " home of an absolute --mesos-java DIR/bin/java).")
  String javaHome;

  /** Whether a container option was given (they need {@code -T mesos}). */
  boolean containersAsked() {
    return docker != null || !dockerCategories.isEmpty();
  }

  /** Fails with a usage error (exit 2) when the options cannot make a Mesos back end. */
  void check(picocli.CommandLine commandLine) {
    try {
      options();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(commandLine, e.getMessage());
    }
  }

  /**
   * Starts the back end for {@code workflowName} in {@code workDir}, writing resource summaries
   * through {@code summaries}.
   */
  Backend start(
      EventSink sink,
      Path workDir,
      String workflowName,
      LongSupplier micros,
      dev.shoal.engine.spi.SummaryFiles summaries) {
    return MesosBackend.start(sink, options(), workDir, workflowName, micros, summaries);
  }

  /**
   * @throws IllegalArgumentException with what to do when an option is wrong
   */
  MesosOptions options() {
    return MesosOptions.of(cluster.masters(), launcherJar != null ? launcherJar : defaultJar())
        .withIdentity(cluster.role, cluster.user)
        .withDefaults(defaultCores, defaultMemory, defaultDisk)
        .withLimits(maxPerAgent, maxShare, categoryLimits, maxDownloads)
        .withFileHost(cluster.fileHostOrDefault())
        .withJava(cluster.java)
        .withExecutor(
            ExecutorChoice.DEFAULT
                .withMode(executorMode())
                .withLongCategories(longCategories)
                .withBundling(Bundling.DEFAULT.withMaxSize(bundle)))
        .withContainers(containers());
  }

  private Containers containers() {
    Containers.Containerizer c;
    try {
      c = Containers.Containerizer.valueOf(containerizer.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--mesos-containerizer " + containerizer + " is not known — use mesos or docker");
    }
    return new Containers(
        docker, dockerCategories, c, javaHome != null ? javaHome : Containers.homeOf(cluster.java));
  }

  private ExecutorChoice.Mode executorMode() {
    try {
      return ExecutorChoice.Mode.valueOf(executor.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--mesos-executor " + executor + " is not known — use auto, shoal or command");
    }
  }

  /**
   * The jar agents run tasks with: {@code $SHOAL_WORKER_JAR}, else the worker jar of this build
   * ({@code shoal-worker/target/shoal-worker.jar}, found as {@code bin/work_queue_worker} finds
   * it), else the jar this launcher class was loaded from (shoal's own, larger, jar).
   */
  static Path defaultJar() {
    String env = System.getenv("SHOAL_WORKER_JAR");
    if (env != null && Files.isRegularFile(Path.of(env))) {
      return Path.of(env);
    }
    try {
      // .../shoal-cli/target/shoal.jar (or target/classes) → .../shoal-worker/target/...
      Path cli =
          Path.of(
              MesosCliOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path worker =
          cli.getParent().getParent().getParent().resolve("shoal-worker/target/shoal-worker.jar");
      if (Files.isRegularFile(worker)) {
        return worker;
      }
      Path where =
          Path.of(TaskLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(where)) {
        return where;
      }
    } catch (Exception e) {
      // no code source: fall through to the message
    }
    throw new IllegalArgumentException(
        "cannot find the jar to run tasks with — build it (./mvnw package -pl shoal-worker -am),"
            + " or give --mesos-launcher-jar or SHOAL_WORKER_JAR");
  }
}

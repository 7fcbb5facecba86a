package dev.shoal.cli;

import dev.shoal.mesos.factory.MesosWorkerOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code shoal factory -T mesos}, a picocli mixin of {@link FactoryCommand}. */
final class FactoryMesosOptions {
  @Mixin MesosClusterOptions cluster = new MesosClusterOptions();

  @Option(
      names = "--mesos-worker-jar",
      paramLabel = "JAR",
      description =
          "-T mesos: the worker jar agents fetch (default: $SHOAL_WORKER_JAR, else this build's"
              + " shoal-worker.jar).")
  Path workerJar;

  /**
   * @throws IllegalArgumentException with what to do when an option is wrong
   */
  MesosWorkerOptions options() {
    return MesosWorkerOptions.of(
            cluster.masters(), workerJar != null ? workerJar : MesosCliOptions.defaultJar())
        .withJava(cluster.java)
        .withFileHost(cluster.fileHostOrDefault())
        .withIdentity(cluster.role, cluster.user);
  }
}

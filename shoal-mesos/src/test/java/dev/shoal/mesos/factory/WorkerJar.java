package dev.shoal.mesos.factory;

import dev.shoal.mesos.ClassPathJar;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds, once per test JVM, the worker jar the factory serves: the worker and its only
 * dependencies (shoal-wire, shoal-monitor, shoal-jx), taken from this JVM's class path — what the
 * shaded {@code shoal-worker.jar} holds, without needing the package phase to have run.
 */
public final class WorkerJar {
  private static final List<String> PACKAGES =
      List.of("dev/shoal/worker/", "dev/shoal/wire/", "dev/shoal/monitor/", "dev/shoal/jx/");
  private static Path jar;

  private WorkerJar() {}

  public static synchronized Path get() {
    if (jar == null) {
      jar = ClassPathJar.build("shoal-worker.jar", PACKAGES);
    }
    return jar;
  }

  /** The java command of this JVM, for the agents to run workers with. */
  public static String java() {
    return ClassPathJar.java();
  }
}

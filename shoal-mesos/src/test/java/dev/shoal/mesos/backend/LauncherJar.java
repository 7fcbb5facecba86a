package dev.shoal.mesos.backend;

import dev.shoal.mesos.ClassPathJar;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds, once per test JVM, the jar an agent fetches: the launcher's package, the one worker class
 * it shares ({@code TopDir}, where its directories go) and its only dependencies (shoal-monitor,
 * shoal-jx), taken from this JVM's class path. Building it from the classes proves the launcher
 * needs nothing else.
 */
public final class LauncherJar {
  private static final List<String> PACKAGES =
      List.of(
          "dev/shoal/worker/launch/",
          "dev/shoal/worker/TopDir.class",
          "dev/shoal/monitor/",
          "dev/shoal/jx/");
  private static Path jar;

  private LauncherJar() {}

  public static synchronized Path get() {
    if (jar == null) {
      jar = ClassPathJar.build("shoal-launcher.jar", PACKAGES);
    }
    return jar;
  }

  /** The java command of this JVM, for the agents to run the launcher with. */
  public static String java() {
    return ClassPathJar.java();
  }
}

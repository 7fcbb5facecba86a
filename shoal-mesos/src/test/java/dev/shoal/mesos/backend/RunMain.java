package dev.shoal.mesos.backend;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code RunMain DIR MASTER JAR JAVA}: runs {@code DIR/Makeflow} with the Mesos back end in a JVM
 * of its own, so that a test can kill it as {@code kill -9} would.
 */
public final class RunMain {
  private RunMain() {}

  /**
   * Starts this main in a JVM of its own on the test class path: {@code dir}'s Makeflow on the
   * master at {@code master}, with the test launcher jar; its output (both streams) goes to {@code
   * log}.
   */
  static Process start(Path dir, String master, Path log) throws java.io.IOException {
    return new ProcessBuilder(
            LauncherJar.java(),
            "-cp",
            System.getProperty("java.class.path"),
            RunMain.class.getName(),
            dir.toString(),
            master,
            LauncherJar.get().toString(),
            LauncherJar.java())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  public static void main(String[] args) throws Exception {
    MesosOptions o =
        MesosOptions.of(List.of(args[1]), Path.of(args[2]))
            .withJava(args[3])
            .withDefaults(0.5, 64, 64);
    MesosHarness.run(Path.of(args[0]), o, b -> {}, e -> System.out.println("event " + e));
    System.exit(0);
  }
}

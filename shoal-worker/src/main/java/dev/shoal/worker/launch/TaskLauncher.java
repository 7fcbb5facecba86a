package dev.shoal.worker.launch;

import dev.shoal.monitor.TaskMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The command a Mesos task runs on its agent through the command executor: one {@link LaunchRun} of
 * the {@link LaunchSpec} in {@value LaunchSpec#ENV}, with the whole sandbox as the task's directory
 * (emptied at the end, the executor's own stdout and stderr included), then exits with the
 * command's exit code or one of {@link LaunchSpec}'s codes.
 *
 * <p>Depends on the JDK, shoal-monitor and shoal-jx only: it is shipped to every agent. For short
 * tasks {@link ShoalExecutor} runs the same steps without a JVM per task.
 */
public final class TaskLauncher {
  private TaskLauncher() {}

  public static void main(String[] args) {
    String json = System.getenv(LaunchSpec.ENV);
    if (json == null) {
      System.err.println(
          "shoal task launcher: " + LaunchSpec.ENV + " is not set — run me as a Shoal Mesos task");
      System.exit(LaunchSpec.EXIT_LAUNCHER);
    }
    String dir = System.getenv("MESOS_SANDBOX");
    Path sandbox = Path.of(dir != null ? dir : ".").toAbsolutePath().normalize();
    int code;
    try (TaskMonitor monitor =
        TaskMonitor.start(TaskMonitor.Options.system(Duration.ofMillis(250)))) {
      LaunchSpec spec = LaunchSpec.parse(json);
      code =
          new LaunchRun(
                  spec,
                  sandbox,
                  monitor,
                  "shoal-task-" + ProcessHandle.current().pid(),
                  Map.of(),
                  LaunchRun.Host.LAUNCHER)
              .run();
    } catch (RuntimeException e) {
      System.err.println("shoal task launcher: " + e);
      LaunchRun.empty(sandbox);
      code = LaunchSpec.EXIT_LAUNCHER;
    }
    System.exit(code);
  }
}

package dev.shoal.worker.launch;

import dev.shoal.monitor.ExitStatus;
import dev.shoal.monitor.Limits;
import dev.shoal.monitor.MonitoredTask;
import dev.shoal.monitor.Resource;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.SummaryJson;
import dev.shoal.monitor.TaskConfig;
import dev.shoal.monitor.TaskMonitor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The command a Mesos task runs on its agent (through the command executor): downloads the task's
 * inputs from the engine's file server into {@code work/} of the sandbox under their task names,
 * runs the command there with {@code /bin/sh -c} under the resource monitor with the allocation as
 * limits, uploads the outputs (when the command exited 0) and then a {@link LaunchReport}, empties
 * the sandbox, and exits with the command's exit code, or one of {@link LaunchSpec}'s codes.
 *
 * <p>Depends on the JDK, shoal-monitor and shoal-jx only: it is shipped to every agent.
 */
public final class TaskLauncher {
  private static final int TAIL = 2048;

  private final LaunchSpec spec;
  private final Path sandbox;
  private final Transfers transfers = new Transfers(8);

  TaskLauncher(LaunchSpec spec, Path sandbox) {
    this.spec = spec;
    this.sandbox = sandbox;
  }

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
    try {
      code = new TaskLauncher(LaunchSpec.parse(json), sandbox).run();
    } catch (RuntimeException e) {
      System.err.println("shoal task launcher: " + e);
      code = LaunchSpec.EXIT_LAUNCHER;
    }
    System.exit(code);
  }

  /** Runs the whole attempt and returns the exit code for the executor. */
  int run() {
    Path work = sandbox.resolve("work");
    try {
      return attempt(work);
    } finally {
      emptySandbox();
    }
  }

  private int attempt(Path work) {
    try {
      Files.createDirectories(work);
      for (LaunchSpec.Transfer in : spec.inputs()) {
        Path target = inside(work, in.name());
        Files.createDirectories(target.getParent());
        transfers.download(in.url(), target);
      }
    } catch (IOException | RuntimeException e) {
      return report(LaunchReport.Outcome.INPUT_FAILED, LaunchSpec.EXIT_INPUT_FAILED, 0, e, "");
    } catch (InterruptedException e) {
      return LaunchSpec.EXIT_LAUNCHER;
    }
    Summary summary;
    Path log = sandbox.resolve("task.log");
    try (TaskMonitor monitor =
        TaskMonitor.start(TaskMonitor.Options.system(Duration.ofMillis(250)))) {
      MonitoredTask task =
          monitor.prepare(
              "shoal-task-" + ProcessHandle.current().pid(),
              new TaskConfig(spec.command(), limits(), work, false));
      ProcessBuilder pb =
          new ProcessBuilder("/bin/sh", "-c", task.joinSnippet() + spec.command())
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().remove(LaunchSpec.ENV); // the command needs its own variables, not ours
      pb.environment().putAll(spec.environment());
      Process p = pb.start();
      task.attach(p.pid());
      int status = p.waitFor();
      summary = task.finish(ExitStatus.fromShell(status));
    } catch (IOException e) {
      return report(LaunchReport.Outcome.INPUT_FAILED, LaunchSpec.EXIT_LAUNCHER, 0, e, "");
    } catch (InterruptedException e) {
      return LaunchSpec.EXIT_LAUNCHER;
    }
    String json = SummaryJson.write(summary, false);
    String tail = tail(log);
    if (!summary.limitsExceeded().isEmpty()) {
      return report(
          LaunchReport.Outcome.RESOURCE_EXHAUSTED,
          LaunchSpec.EXIT_RESOURCES,
          summary.signal(),
          "exceeded " + summary.limitsExceeded().keySet() + tail,
          json);
    }
    if (summary.signal() != 0) {
      return report(
          LaunchReport.Outcome.SIGNALED,
          summary.exitStatus(),
          summary.signal(),
          "killed by signal " + summary.signal() + tail,
          json);
    }
    int exit = summary.exitStatus();
    if (exit != 0) {
      return report(LaunchReport.Outcome.EXITED, exit, 0, "exited with " + exit + tail, json);
    }
    try {
      for (LaunchSpec.Transfer out : spec.outputs()) {
        Path file = inside(work, out.name());
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          return report(
              LaunchReport.Outcome.OUTPUT_FAILED,
              LaunchSpec.EXIT_UPLOAD_FAILED,
              0,
              "output " + out.name() + " was not created" + tail,
              json);
        }
        transfers.upload(file, out.url());
      }
    } catch (IOException | InterruptedException e) {
      return report(LaunchReport.Outcome.OUTPUT_FAILED, LaunchSpec.EXIT_UPLOAD_FAILED, 0, e, json);
    }
    return report(LaunchReport.Outcome.EXITED, 0, 0, "", json);
  }

  private int report(LaunchReport.Outcome o, int code, int signal, Exception e, String summary) {
    return report(o, code, signal, String.valueOf(e.getMessage()), summary);
  }

  /** Uploads the report; returns {@code code}, or the upload failure's code if it cannot. */
  private int report(LaunchReport.Outcome o, int code, int signal, String message, String summary) {
    try {
      transfers.uploadText(
          new LaunchReport(o, code, signal, message, summary).toJson(),
          sandbox.resolve("report.json"),
          spec.reportUrl());
      return code;
    } catch (IOException | InterruptedException e) {
      System.err.println("shoal task launcher: cannot upload the report: " + e.getMessage());
      return LaunchSpec.EXIT_UPLOAD_FAILED;
    }
  }

  private Limits limits() {
    Map<Resource, Double> m = new EnumMap<>(Resource.class);
    if (spec.memoryMb() > 0) {
      m.put(Resource.MEMORY, (double) spec.memoryMb());
    }
    if (spec.diskMb() > 0) {
      m.put(Resource.DISK, (double) spec.diskMb());
    }
    if (spec.wallTimeSec() > 0) {
      m.put(Resource.WALL_TIME, (double) spec.wallTimeSec());
    }
    return m.isEmpty() ? Limits.NONE : new Limits(m);
  }

  /** The last bytes of the command's output, for the engine's message. */
  private static String tail(Path log) {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(0, f.length() - TAIL);
      byte[] b = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(b);
      String s = new String(b, StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? "" : "; output: " + s;
    } catch (IOException e) {
      return "";
    }
  }

  /** The path of task name {@code name} in {@code dir}; refuses names that leave it. */
  static Path inside(Path dir, String name) {
    Path p = dir.resolve(name).normalize();
    if (Path.of(name).isAbsolute() || !p.startsWith(dir) || p.equals(dir)) {
      throw new IllegalArgumentException(
          "file name " + name + " points outside the task directory — use a relative name");
    }
    return p;
  }

  /**
   * Deletes everything in the sandbox, the executor's own stdout and stderr included (challenge 4:
   * Mesos keeps sandboxes for a week). Links are removed, never followed.
   */
  private void emptySandbox() {
    try (Stream<Path> all = Files.walk(sandbox)) {
      List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        if (!p.equals(sandbox)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      System.err.println("shoal task launcher: cannot empty the sandbox: " + e.getMessage());
    }
  }
}

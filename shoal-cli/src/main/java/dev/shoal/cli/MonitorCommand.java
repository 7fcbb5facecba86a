package dev.shoal.cli;

import dev.shoal.monitor.ExitStatus;
import dev.shoal.monitor.Limits;
import dev.shoal.monitor.MonitoredTask;
import dev.shoal.monitor.Sample;
import dev.shoal.monitor.SeriesWriter;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.SummaryJson;
import dev.shoal.monitor.TaskConfig;
import dev.shoal.monitor.TaskMonitor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shoal monitor [options] -- CMD ARGS...}, also run as {@code resource_monitor}: runs the
 * command in its own cgroup (or follows its tree through /proc), enforces limits, writes a summary
 * in cctools' format.
 *
 * <p>Exit codes (resource_monitor's): 0 the command succeeded, 1 it failed (status ≠ 0 or a
 * signal), 2 a limit was exceeded, 4 the monitor itself failed; the command's status is in the
 * summary.
 */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Runs a command and measures its process tree (memory, CPU, processes, I/O, disk),",
      "killing the tree when a limit is exceeded. Writes a cctools resource_monitor summary.",
      "Exit: 0 success, 1 command failed, 2 limits exceeded, 4 monitor error."
    })
final class MonitorCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-L", "--limits"},
      paramLabel = "LIMITS",
      description =
          "Limits as \"memory: 1024, wall_time: 3600\" (MB, s, cores, procs); repeatable.")
  List<String> limits = new ArrayList<>();

  @Option(
      names = {"-l", "--limits-file"},
      paramLabel = "FILE",
      description = "Limits from a file: JSON or 'resource: value' lines.")
  Path limitsFile;

  @Option(
      names = {"-i", "--interval"},
      paramLabel = "SECONDS",
      description = "Seconds between samples (default ${DEFAULT-VALUE}; as low as 0.05).")
  double interval = 1;

  @Option(
      names = {"-O", "--with-output-files"},
      paramLabel = "PREFIX",
      description = "Write PREFIX.summary (default resource-pid-<pid>).")
  String prefix;

  @Option(names = "--with-time-series", description = "Also write PREFIX.series.")
  boolean timeSeries;

  @Option(
      names = "--measure-dir",
      paramLabel = "DIR",
      description = "Follow the size and file count of DIR.")
  Path measureDir;

  @Option(names = "--no-pprint", description = "Write the summary on one line.")
  boolean noPprint;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
  List<String> command;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Limits lim = Limits.NONE;
    try {
      if (limitsFile != null) {
        lim = Limits.parseFile(Files.readString(limitsFile), limitsFile.toString());
      }
      for (String l : limits) {
        lim = lim.with(Limits.parse(l));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (interval < 0.01) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--interval " + interval + " is too short: use 0.01 or more");
    }
    try (TaskMonitor m =
        TaskMonitor.start(TaskMonitor.Options.system(Duration.ofNanos((long) (interval * 1e9))))) {
      String name = "shoal-monitor-" + ProcessHandle.current().pid();
      MonitoredTask t =
          m.prepare(name, new TaskConfig(String.join(" ", command), lim, measureDir, timeSeries));
      List<String> argv =
          new ArrayList<>(List.of("/bin/sh", "-c", t.joinSnippet() + "exec \"$@\"", "sh"));
      argv.addAll(command);
      Process p = new ProcessBuilder(argv).inheritIO().start();
      Summary s;
      try {
        t.attach(p.pid());
        s = t.finish(ExitStatus.fromShell(p.waitFor()));
      } finally {
        p.destroyForcibly();
      }
      String out = prefix != null ? prefix : "resource-pid-" + p.pid();
      Files.writeString(Path.of(out + ".summary"), SummaryJson.write(s, !noPprint));
      if (timeSeries) {
        try (Writer w = Files.newBufferedWriter(Path.of(out + ".series"), StandardCharsets.UTF_8)) {
          SeriesWriter sw = new SeriesWriter(w);
          for (Sample x : t.series()) {
            sw.write(x);
          }
        }
      }
      return s.monitorExitCode();
    } catch (IOException e) {
      err.println("monitor: " + e.getMessage());
      return 4;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("monitor: interrupted");
      return 4;
    }
  }
}

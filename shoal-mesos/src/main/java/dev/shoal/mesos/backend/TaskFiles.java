package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.SummaryFiles;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import dev.shoal.mesos.Bytes;
import dev.shoal.mesos.CommandInfo;
import dev.shoal.mesos.ContainerInfo;
import dev.shoal.mesos.ExecutorId;
import dev.shoal.mesos.ExecutorInfo;
import dev.shoal.mesos.Resource;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskStatus;
import dev.shoal.monitor.Summary;
import dev.shoal.worker.launch.BundleReports;
import dev.shoal.worker.launch.LaunchBundle;
import dev.shoal.worker.launch.LaunchReport;
import dev.shoal.worker.launch.LaunchSpec;
import dev.shoal.worker.launch.ShoalExecutor;
import dev.shoal.worker.launch.TaskLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of each attempt: registers its inputs, outputs and report with the {@link FileServer}
 * when it is launched, and at its end reads the report, commits the outputs into the workflow
 * directory (renames only, {@link OutputCommit}, only when the attempt succeeded) and forgets the
 * rest. An input or output may be a directory: it moves whole ({@link DirTransfers}).
 *
 * <p>Uploads land in {@code <workdir>/.shoal-mesos/} as {@code <mesos task id>.out-N} and {@code
 * <mesos task id>.report.json}, on the workflow's file system so that the commit is a rename; not
 * in a directory per task, whose making and removal cost the file system more than a short task's
 * upload. Called from the scheduler thread only.
 */
final class TaskFiles {
  static final String JAR_NAME = "shoal-launcher.jar";
  private static final String REPORT = "report.json";

  private final FileServer server;
  private final Path stagingRoot;
  private final MesosOptions options;
  private final String jarUrl;
  private final SummaryFiles summaries;

  TaskFiles(FileServer server, Path stagingRoot, MesosOptions options) {
    this(server, stagingRoot, options, SummaryFiles.none());
  }

  /** As above, keeping the resource summaries of {@code --monitor} through {@code summaries}. */
  TaskFiles(FileServer server, Path stagingRoot, MesosOptions options, SummaryFiles summaries) {
    this.server = server;
    this.stagingRoot = stagingRoot;
    this.options = options;
    this.summaries = summaries;
    this.jarUrl = server.url(server.serve(options.launcherJar(), false));
  }

  /** Writes {@code a}'s resource summary where {@code --monitor} asked (nowhere without it). */
  void keepSummary(Attempt a, Summary summary) {
    summaries.write(a.spec.ruleId(), summary, null);
  }

  /**
   * The Mesos task of {@code a}, on its agent, with resources allocated to {@code role}: run by
   * {@code executor} (the Shoal executor, with the launch spec as the task's data) or, when it is
   * {@code null}, by the command executor running the launcher.
   */
  TaskInfo taskInfo(Attempt a, String role, ExecutorInfo executor) {
    return taskInfo(a, role, executor, null);
  }

  /**
   * As {@link #taskInfo(Attempt, String, ExecutorInfo)}; a command task runs in {@code container}
   * (unless it is {@code null}) with the JDK mounted there by {@link Containers}.
   */
  TaskInfo taskInfo(Attempt a, String role, ExecutorInfo executor, ContainerInfo container) {
    LaunchSpec spec = launchSpec(a, executor == null);
    List<Resource> resources = resources(a.size, role);
    String name = "shoal rule " + a.spec.ruleId();
    if (executor != null) {
      return new TaskInfo(
          name, a.mesosId, a.agent, resources, null, executor, null, Bytes.ofUtf8(spec.toJson()));
    }
    String javaCommand = container == null ? options.java() : options.containers().java();
    CommandInfo command =
        java(javaCommand, TaskLauncher.class.getName(), "")
            .withEnvironment(Map.of(LaunchSpec.ENV, spec.toJson()));
    return new TaskInfo(name, a.mesosId, a.agent, resources, command, null, container, null);
  }

  /**
   * The Mesos task of bundle {@code l} for the Shoal {@code executor}: its data is the {@link
   * LaunchBundle} of its members' specs, its resources one member's (they run in turn).
   */
  TaskInfo bundleInfo(Launch l, String role, ExecutorInfo executor) {
    List<LaunchSpec> specs = new ArrayList<>(l.members.size());
    StringBuilder rules = new StringBuilder();
    for (Attempt a : l.members) {
      specs.add(launchSpec(a, false));
      rules.append(rules.isEmpty() ? "" : ", ").append(a.spec.ruleId());
    }
    return new TaskInfo(
        "shoal rules " + rules,
        l.mesosId,
        l.agent,
        resources(l.size, role),
        null,
        executor,
        null,
        Bytes.ofUtf8(new LaunchBundle(specs).toJson()));
  }

  private static List<Resource> resources(Size size, String role) {
    return List.of(
        Resource.cpus(size.cpus(), role),
        Resource.mem(size.mem(), role),
        Resource.disk(size.disk(), role));
  }

  /**
   * What runs attempt {@code a}, its URLs registered with the file server.
   *
   * @param reportUpload whether the report is uploaded (the launcher); the Shoal executor sends it
   *     in a status update, so it gets no URL
   */
  private LaunchSpec launchSpec(Attempt a, boolean reportUpload) {
    TaskSpec t = a.spec;
    List<LaunchSpec.Transfer> inputs = new ArrayList<>();
    for (FileRef in : t.inputs()) {
      Path file = t.workDir().resolve(in.dagName());
      a.tokens.add(server.serve(file, true));
      String url = server.url(a.tokens.getLast());
      inputs.add(
          Files.isDirectory(file)
              ? LaunchSpec.Transfer.directory(url, in.taskName())
              : new LaunchSpec.Transfer(url, in.taskName(), key(file)));
    }
    List<LaunchSpec.Transfer> outputs = new ArrayList<>();
    for (int i = 0; i < t.outputs().size(); i++) {
      String token = server.accept(staged(a, "out-" + i));
      outputs.add(transfer(a, token, t.outputs().get(i).taskName()));
    }
    String reportUrl = "";
    if (reportUpload) {
      String report = server.accept(staged(a, REPORT));
      a.tokens.add(report);
      reportUrl = server.url(report);
    }
    return new LaunchSpec(
        t.command(),
        t.environment(),
        inputs,
        outputs,
        reportUrl,
        t.allocation().memoryMb(),
        t.allocation().diskMb(),
        t.allocation().wallTimeSec());
  }

  /**
   * The Shoal executor of this run for offers of {@code role}: the same ExecutorInfo in every task
   * of an agent, as Mesos requires, so the agent starts it once and hands it every task.
   */
  ExecutorInfo executorInfo(String runId, String role) {
    ExecutorChoice c = options.executor();
    long heapMb = Math.max(32, c.memMb() - 96); // leave room for metaspace, threads, code cache
    List<Resource> resources = new ArrayList<>();
    if (c.cpus() > 0) {
      resources.add(Resource.cpus(c.cpus(), role));
    }
    resources.add(Resource.mem(c.memMb(), role));
    return new ExecutorInfo(
        new ExecutorId("shoal-" + runId + "-executor"),
        null,
        "shoal executor",
        // C1 compiles a method after ~10 calls, not ~200: the executor runs each of its methods
        // a few times per task, for a few hundred tasks, so it ran much of its life interpreted.
        java(
            options.java(),
            ShoalExecutor.class.getName(),
            "-Xmx" + heapMb + "m -XX:CompileThresholdScaling=0.05 "),
        resources,
        null);
  }

  /** {@code javaCommand … -cp <the launcher jar> mainClass}, the jar fetched through the cache. */
  private CommandInfo java(String javaCommand, String mainClass, String extraOptions) {
    return new CommandInfo(
        javaCommand
            + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto "
            + extraOptions
            + "-cp "
            + JAR_NAME
            + " "
            + mainClass,
        true,
        List.of(),
        List.of(new CommandInfo.Uri(jarUrl, false, false, true, JAR_NAME)),
        Map.of(),
        null);
  }

  /**
   * What names an input's content for the Shoal executor's cache: its path, size and modification
   * time (a file the workflow writes again gets a new key), or {@code null} if it cannot be read.
   */
  private static String key(Path file) {
    try {
      return file.toAbsolutePath()
          + "@"
          + Files.size(file)
          + "@"
          + Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return null; // the download will fail and say why
    }
  }

  private LaunchSpec.Transfer transfer(Attempt a, String token, String name) {
    a.tokens.add(token);
    return new LaunchSpec.Transfer(server.url(token), name);
  }

  /**
   * The report of {@code a}: the {@code data} of its terminal update (the Shoal executor sends it
   * there) or else the file the launcher uploaded; {@code null} when none arrived (or it is
   * garbled).
   */
  LaunchReport report(Attempt a, TaskStatus status) {
    if (status.data() != null && status.source() == TaskStatus.Source.SOURCE_EXECUTOR) {
      try {
        return LaunchReport.parse(status.data().utf8());
      } catch (IllegalArgumentException e) {
        // not a report: look for an uploaded one
      }
    }
    Path p = staged(a, REPORT);
    try {
      return Files.exists(p) ? LaunchReport.parse(Files.readString(p)) : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The member reports in the {@code data} of an update of a bundle from the Shoal executor; empty
   * when it carries none (or they are garbled: those members are then run again).
   */
  Map<Integer, LaunchReport> bundleReports(TaskStatus status) {
    if (status.data() == null || status.source() != TaskStatus.Source.SOURCE_EXECUTOR) {
      return Map.of();
    }
    try {
      return BundleReports.parse(status.data().utf8()).reports();
    } catch (IllegalArgumentException e) {
      System.getLogger(TaskFiles.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "ignored the garbled reports of " + status.taskId().value() + ": " + e.getMessage());
      return Map.of();
    }
  }

  /**
   * Moves the uploaded outputs of {@code a} to their workflow names.
   *
   * @return {@code null}, or what is missing
   */
  String commit(Attempt a) {
    TaskSpec t = a.spec;
    for (int i = 0; i < t.outputs().size(); i++) {
      Path from = staged(a, "out-" + i);
      FileRef out = t.outputs().get(i);
      if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        return "output " + out.taskName() + " never reached the engine";
      }
      Path to = t.workDir().resolve(out.dagName());
      try {
        OutputCommit.commit(from, to, staged(a, "old-" + i));
      } catch (IOException e) {
        return "cannot commit output " + out.dagName() + ": " + e.getMessage();
      }
    }
    return null;
  }

  /** Revokes the URLs of {@code a} and deletes whatever it uploaded and was not committed. */
  void discard(Attempt a) {
    a.tokens.forEach(server::revoke);
    a.tokens.clear();
    try {
      for (int i = 0; i < a.spec.outputs().size(); i++) {
        Path out = staged(a, "out-" + i);
        if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(out); // an uploaded directory output
        } else {
          Files.deleteIfExists(out);
        }
      }
      Files.deleteIfExists(staged(a, REPORT));
    } catch (IOException e) {
      System.getLogger(TaskFiles.class.getName())
          .log(System.Logger.Level.WARNING, "cannot delete an upload of " + a.key(), e);
    }
  }

  /** Where the upload {@code name} of {@code a} lands. */
  Path staged(Attempt a, String name) {
    return stagingRoot.resolve(a.key() + "." + name);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.getLogger(TaskFiles.class.getName())
          .log(System.Logger.Level.WARNING, "cannot delete " + dir + ": " + e.getMessage());
    }
  }
}

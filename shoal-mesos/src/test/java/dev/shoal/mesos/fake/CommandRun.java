package dev.shoal.mesos.fake;

import dev.shoal.mesos.CommandInfo;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.TaskStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the Mesos command executor does for one task, for real: fetch each URI over HTTP into the
 * sandbox (extracting archives unless told not to, marking executables), run the command with
 * {@code /bin/sh -c} (or as argv when {@code shell} is false) with stdout and stderr in the sandbox
 * files of those names, and report STARTING, RUNNING and the end state to {@code updates}. A task
 * with a {@link dev.shoal.mesos.ContainerInfo} runs in its image with real Docker ({@link
 * DockerCli}).
 *
 * <p>Runs on its own thread; {@link #kill} may be called from any thread.
 */
final class CommandRun implements Runnable {
  interface Updates {
    /** Reports a state; {@code reason} and {@code message} may be null. */
    void report(TaskState state, TaskStatus.Reason reason, String message);
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final TaskInfo task;
  private final Path sandbox;
  private final Map<String, String> env;
  private final Updates updates;
  private volatile boolean killed;
  private volatile Process process;
  private String containerName; // guarded by this
  private Process remover; // guarded by this

  CommandRun(TaskInfo task, Path sandbox, Map<String, String> env, Updates updates) {
    this.task = task;
    this.sandbox = sandbox;
    this.env = env;
    this.updates = updates;
  }

  /**
   * Kills the process tree (a container: removes it, started or not), or stops the launch if the
   * process has not started. Does not wait: see {@link #awaitKilled}.
   */
  void kill() {
    killed = true;
    if (task.container() != null) {
      synchronized (this) {
        if (remover == null && containerName != null) {
          remover = DockerCli.remove(containerName);
        }
      }
      return; // the docker client ends when its container does
    }
    Process p = process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /** Waits until a container being removed by {@link #kill} is gone. */
  void awaitKilled(Duration timeout) throws InterruptedException {
    Process r;
    synchronized (this) {
      r = remover;
    }
    if (r != null && !r.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      r.destroyForcibly();
    }
  }

  @Override
  public void run() {
    CommandInfo command = task.command();
    try {
      Files.createDirectories(sandbox);
      for (CommandInfo.Uri uri : command.uris()) {
        fetch(uri);
      }
    } catch (IOException | InterruptedException e) {
      updates.report(
          TaskState.TASK_FAILED,
          TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
          "Failed to fetch all URIs into '" + sandbox + "': " + e.getMessage());
      return;
    }
    if (killed) {
      updates.report(
          TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH, null);
      return;
    }
    if (task.container() != null) {
      runInContainer(command);
      return;
    }
    updates.report(TaskState.TASK_STARTING, null, null);
    List<String> argv = new ArrayList<>();
    if (command.shell()) {
      argv.addAll(List.of("/bin/sh", "-c", command.value()));
    } else {
      argv.add(command.value());
      argv.addAll(
          command.arguments().size() > 1
              ? command.arguments().subList(1, command.arguments().size())
              : List.of());
    }
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .directory(sandbox.toFile())
            .redirectOutput(sandbox.resolve("stdout").toFile())
            .redirectError(sandbox.resolve("stderr").toFile());
    pb.environment().putAll(env);
    pb.environment().putAll(command.environment());
    int exit;
    try {
      process = pb.start();
      if (killed) {
        kill();
      }
      updates.report(TaskState.TASK_RUNNING, null, null);
      exit = process.waitFor();
    } catch (IOException | InterruptedException e) {
      updates.report(
          TaskState.TASK_FAILED,
          TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED,
          "Failed to launch: " + e.getMessage());
      return;
    }
    reportExit(exit);
  }

  /**
   * The command in the task's image, as the agent's containerizer would run it: an image that is
   * not there fails the launch (as Mesos does, with REASON_CONTAINER_LAUNCH_FAILED), never hangs.
   */
  private void runInContainer(CommandInfo command) {
    String name =
        "shoal-fake-"
            + task.taskId().value().replaceAll("[^a-zA-Z0-9_.-]", "_")
            + "-"
            + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    int exit;
    try {
      String problem = DockerCli.create(name, task.container(), command, sandbox, env);
      if (problem != null) {
        updates.report(
            TaskState.TASK_FAILED,
            TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
            "Failed to launch container: " + problem);
        return;
      }
      synchronized (this) {
        containerName = name;
      }
      if (killed) {
        kill(); // a kill that came while the container was being created
        updates.report(
            TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH, null);
        return;
      }
      updates.report(TaskState.TASK_STARTING, null, null);
      process = DockerCli.start(name, sandbox);
      updates.report(TaskState.TASK_RUNNING, null, null);
      exit = process.waitFor();
    } catch (IOException | InterruptedException e) {
      kill();
      updates.report(
          TaskState.TASK_FAILED,
          TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
          "Failed to launch container: " + e.getMessage());
      return;
    }
    reportExit(exit);
  }

  private void reportExit(int exit) {
    if (killed) {
      updates.report(TaskState.TASK_KILLED, null, "Command terminated with signal Killed");
    } else if (exit == 0) {
      updates.report(TaskState.TASK_FINISHED, null, "Command exited with status 0");
    } else {
      updates.report(
          TaskState.TASK_FAILED,
          TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED,
          "Command exited with status " + exit);
    }
  }

  private void fetch(CommandInfo.Uri uri) throws IOException, InterruptedException {
    fetch(uri, sandbox);
  }

  /** What the Mesos fetcher does for one URI: download it into {@code sandbox}. */
  static void fetch(CommandInfo.Uri uri, Path sandbox) throws IOException, InterruptedException {
    URI u = URI.create(uri.value());
    String name =
        uri.outputFile() != null ? uri.outputFile() : Path.of(u.getPath()).getFileName().toString();
    Path target = sandbox.resolve(name).normalize();
    if (!target.startsWith(sandbox)) {
      throw new IOException("output_file " + name + " leaves the sandbox");
    }
    Files.createDirectories(target.getParent());
    HttpResponse<InputStream> r =
        HTTP.send(
            HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        throw new IOException("GET " + u + " answered " + r.statusCode());
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    if (uri.executable()) {
      target.toFile().setExecutable(true);
    } else if (uri.extract()
        && (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar"))) {
      Process tar =
          new ProcessBuilder("tar", "-xf", target.toString(), "-C", sandbox.toString())
              .redirectErrorStream(true)
              .start();
      String out =
          new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (tar.waitFor() != 0) {
        throw new IOException("cannot extract " + name + ": " + out.strip());
      }
    }
  }
}

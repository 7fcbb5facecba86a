package dev.shoal.mesos.fake;

import dev.shoal.mesos.CommandInfo;
import dev.shoal.mesos.ContainerInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a Mesos agent's containerizer does with a task's {@link ContainerInfo}, done with the docker
 * command line (the daemon named by {@code DOCKER_HOST}): the container is created from an image
 * that must already be there ({@code --pull never}: nothing can be pulled in tests), on the host's
 * network, with the sandbox at {@code /mnt/mesos/sandbox} as its working directory and each volume
 * mounted, then started attached. Both containerizer types are run this way; which one was asked is
 * for the test to check in {@link FakeMesosMaster#containerTasks()}.
 *
 * <p>Creating and starting are separate steps so that a kill can never miss the container: once
 * {@link #create} returned, {@link #remove} finds it, started or not.
 */
final class DockerCli {
  static final String SANDBOX = "/mnt/mesos/sandbox";
  private static final long TIMEOUT_SECONDS = 60;

  private DockerCli() {}

  /** The image a container runs. */
  static String image(ContainerInfo c) {
    return switch (c) {
      case ContainerInfo.Mesos m -> m.dockerImage();
      case ContainerInfo.Docker d -> d.image();
    };
  }

  /**
   * Creates container {@code name} for {@code command} with {@code env} (values passed through the
   * docker client's environment, never on its command line).
   *
   * @return {@code null}, or docker's complaint (e.g. {@code No such image: x})
   */
  static String create(
      String name,
      ContainerInfo container,
      CommandInfo command,
      Path sandbox,
      Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "docker",
                "create",
                "--rm",
                "--pull",
                "never",
                "--network",
                "host",
                "--name",
                name,
                "-v",
                sandbox.toAbsolutePath() + ":" + SANDBOX,
                "-w",
                SANDBOX));
    for (ContainerInfo.Volume v : container.volumes()) {
      if (v.hostPath() == null) {
        return "volume "
            + v.containerPath()
            + " has no host_path (image volumes are not simulated)";
      }
      argv.add("-v");
      argv.add(v.hostPath() + ":" + v.containerPath() + ":" + v.mode().name().toLowerCase());
    }
    Map<String, String> all = new LinkedHashMap<>(env);
    all.putAll(command.environment());
    all.put("MESOS_SANDBOX", SANDBOX);
    for (String key : all.keySet()) {
      argv.add("-e");
      argv.add(key);
    }
    argv.add(image(container));
    if (command.shell()) {
      argv.addAll(List.of("/bin/sh", "-c", command.value()));
    } else {
      argv.addAll(command.arguments().isEmpty() ? List.of(command.value()) : command.arguments());
    }
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().putAll(all);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "docker create did not answer in " + TIMEOUT_SECONDS + " s";
    }
    return p.exitValue() == 0 ? null : out;
  }

  /** Starts container {@code name} attached, its output in the sandbox's stdout and stderr. */
  static Process start(String name, Path sandbox) throws IOException {
    return new ProcessBuilder("docker", "start", "-a", name)
        .redirectOutput(sandbox.resolve("stdout").toFile())
        .redirectError(sandbox.resolve("stderr").toFile())
        .start();
  }

  /** Kills and removes container {@code name}, whatever its state; returns the docker client. */
  static Process remove(String name) {
    try {
      return new ProcessBuilder("docker", "rm", "-f", name)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot run docker rm -f " + name, e);
    }
  }
}

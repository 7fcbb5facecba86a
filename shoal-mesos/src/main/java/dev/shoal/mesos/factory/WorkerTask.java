package dev.shoal.mesos.factory;

import dev.shoal.wq.factory.WorkerRequest;
import dev.shoal.wq.factory.WorkerShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One worker as a Mesos command task: the shell command the command executor runs in the sandbox
 * (the fetched {@code shoal-worker.jar}) and the resources the task asks of an offer. The resources
 * and the worker's {@code --cores/--memory/--disk} always agree: a size the request left unset
 * takes the launcher's default, and all three are put on the command, since a worker that measured
 * its machine would offer the whole agent to its manager.
 *
 * @param command the shell command
 * @param cpus cpus asked of the offer
 * @param memMb memory asked, MB
 * @param diskMb disk asked, MB
 * @param environment variables for the worker
 */
record WorkerTask(
    String command, double cpus, double memMb, double diskMb, Map<String, String> environment) {
  /** The name the fetcher gives the jar in the sandbox. */
  static final String JAR = "shoal-worker.jar";

  static final String MAIN = "dev.shoal.worker.WorkerMain";

  WorkerTask {
    environment = Map.copyOf(environment);
  }

  /**
   * The task for {@code request}: its command without the program name ({@code request.command()}
   * starts with the worker binary, which the agent does not have) run by {@code java -cp
   * shoal-worker.jar}.
   */
  static WorkerTask of(WorkerRequest request, MesosWorkerOptions options) {
    WorkerShape s = request.shape();
    int cores = s.cores() > 0 ? s.cores() : options.defaultCores();
    long mem = s.memoryMb() > 0 ? s.memoryMb() : options.defaultMemoryMb();
    long disk = s.diskMb() > 0 ? s.diskMb() : options.defaultDiskMb();
    List<String> argv = new ArrayList<>();
    argv.add(options.java());
    // -cp and the main class, not -jar: shoal's own jar (a possible --mesos-worker-jar) starts the
    // CLI.
    argv.addAll(
        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", JAR, MAIN));
    // Options first (HOST PORT, when given, end the request's arguments); the request's own sizes,
    // when it has them, come later and are the same.
    argv.add("--cores=" + cores);
    argv.add("--memory=" + mem);
    argv.add("--disk=" + disk);
    argv.addAll(List.of("-s", ".")); // the sandbox: Mesos collects it with the task
    argv.addAll(request.command().subList(1, request.command().size()));
    List<String> quoted = argv.stream().map(WorkerTask::quote).toList();
    return new WorkerTask(String.join(" ", quoted), cores, mem, disk, request.environment());
  }

  /** {@code word} as one shell word. */
  static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./=:,+@%-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}

package dev.shoal.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Our worker as a real process (a JVM running {@link WorkerMain} from the test class path), its log
 * in a file. Closing destroys its whole process tree.
 */
final class WorkerProcess implements AutoCloseable {
  final Process process;
  final Path log;
  final Path workdir;

  private WorkerProcess(Process process, Path log, Path workdir) {
    this.process = process;
    this.log = log;
    this.workdir = workdir;
  }

  /**
   * A worker of 2 cores, 2000 MB memory and disk for the test manager on 127.0.0.1:{@code port}:
   * idle timeout 60 s, connection back-off from 0 up to 1 s.
   */
  static WorkerProcess ofManager(Path workdir, int port) throws IOException {
    return start(
        workdir,
        "--cores=2",
        "--memory=2000",
        "--disk=2000",
        "-t",
        "60",
        "-i",
        "0",
        "-b",
        "1",
        "127.0.0.1",
        Integer.toString(port));
  }

  static WorkerProcess start(Path workdir, String... args) throws IOException {
    Files.createDirectories(workdir);
    Path log = workdir.resolve("worker.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path")));
    cmd.add(WorkerMain.class.getName());
    cmd.addAll(List.of("-s", workdir.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SHOAL_WORKER_DEBUG", "1");
    return new WorkerProcess(pb.start(), log, workdir);
  }

  /** The worker's own directory (cache and sandboxes). */
  Path root() {
    return workdir.resolve("shoal-worker-" + process.pid());
  }

  /** Where the worker keeps the cache entry {@code name} (its shard of the cache directory). */
  Path cached(String name) {
    return root().resolve("cache").resolve(Cache.shardName(Cache.shard(name))).resolve(name);
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  int waitFor(Duration d) throws InterruptedException {
    if (!process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the worker did not exit within " + d);
    }
    return process.exitValue();
  }

  /** Polls {@code condition} until it holds; for external effects that send no signal. */
  static void await(String what, Duration d, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + d + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    tree.forEach(ProcessHandle::destroyForcibly);
  }
}

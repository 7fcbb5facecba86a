package dev.shoal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;

/** cctools workers for the -T wq tests: started on demand, every one stopped by {@link #close}. */
final class WorkQueueWorkers implements AutoCloseable {
  static final Path WORKER = Path.of("/usr/bin/work_queue_worker");

  private final Path dir;
  private final List<Process> started = new ArrayList<>();

  WorkQueueWorkers(Path dir) {
    this.dir = dir;
  }

  /** Skips the test when cctools is absent, unless SHOAL_REQUIRE_CCTOOLS=1. */
  static void assumeInstalled() {
    if ("1".equals(System.getenv("SHOAL_REQUIRE_CCTOOLS"))) {
      if (!Files.isExecutable(WORKER)) {
        throw new AssertionError(
            WORKER
                + " is missing and SHOAL_REQUIRE_CCTOOLS=1: apt-get install coop-computing-tools");
      }
    } else {
      Assumptions.assumeTrue(Files.isExecutable(WORKER), WORKER + " is not installed");
    }
  }

  /** Starts {@code work_queue_worker [extra] localhost PORT} with a scratch dir of its own. */
  Process start(int port, String... extra) throws IOException {
    Path scratch = Files.createTempDirectory(dir, "worker");
    List<String> cmd =
        new ArrayList<>(List.of(WORKER.toString(), "-t", "60", "-s", scratch.toString()));
    cmd.addAll(List.of(extra));
    cmd.add("localhost");
    cmd.add(Integer.toString(port));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve("worker.log").toFile())
            .start();
    started.add(p);
    return p;
  }

  /** The port in {@code file}, once a run has written it. */
  static int awaitPort(Path file, Duration patience) throws IOException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        String s = Files.readString(file).strip();
        if (!s.isEmpty()) {
          return Integer.parseInt(s);
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    throw new AssertionError("no port in " + file + " after " + patience);
  }

  /** Polls {@code condition} until true or the deadline (for external programs without signals). */
  static void await(java.util.function.BooleanSupplier condition, Duration patience, String what) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + patience + " waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  @Override
  public void close() {
    for (Process p : started) {
      Processes.killTree(p.toHandle());
    }
  }
}

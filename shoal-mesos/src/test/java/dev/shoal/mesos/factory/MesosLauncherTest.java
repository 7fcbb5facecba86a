package dev.shoal.mesos.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.fake.FakeMesosMaster;
import dev.shoal.wq.factory.WorkerExit;
import dev.shoal.wq.factory.WorkerId;
import dev.shoal.wq.factory.WorkerRequest;
import dev.shoal.wq.factory.WorkerShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher on the fake master with real worker processes (no manager: they wait for one at a
 * closed port): lost workers reported, removal, and close tearing everything down.
 */
class MesosLauncherTest {
  static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path tmp;
  final LaunchLog log = new LaunchLog();
  FakeMesosMaster master;
  AgentId agent0;

  @BeforeEach
  void start() throws IOException {
    master = LaunchLog.start(log, tmp.resolve("agents"));
    agent0 = master.addAgent(2, 4096, 10000);
  }

  @AfterEach
  void stop() {
    master.close();
    assertEquals(List.of(), master.protocolErrors());
  }

  MesosLauncher launcher() throws IOException {
    return MesosLauncher.start(
        MesosWorkerOptions.of(master.address(), WorkerJar.get()).withJava(WorkerJar.java()));
  }

  static WorkerRequest request(String... args) {
    List<String> cmd = new ArrayList<>(List.of("work_queue_worker"));
    cmd.addAll(List.of(args));
    return new WorkerRequest(cmd, new WorkerShape(1, 256, 256, 0), Map.of());
  }

  @Test
  void workers_runAsTasks_lostOnesReaped_removedOnesKilled_closeLeavesNothing() throws Exception {
    List<ProcessHandle> seen;
    try (MesosLauncher launcher = launcher()) {
      WorkerId w1 = launcher.submit(request("-t", "120", "127.0.0.1", "1"));
      WorkerId w2 = launcher.submit(request("-t", "120", "127.0.0.1", "1"));
      assertEquals(2, launcher.active());
      await(() -> workerProcesses().size() == 2, "two worker processes");
      assertEquals(2, launcher.running());
      seen = workerProcesses();
      assertTrue(log.launches().stream().allMatch(l -> l.cpus() == 1 && l.memMb() == 256));

      launcher.remove(w1);
      await(() -> launcher.running() == 1, "the removed worker to end");
      assertEquals(List.of(new WorkerExit(w1, -1)), launcher.reap());

      master.loseAgent(agent0);
      await(() -> launcher.running() == 0, "the lost worker to be reported");
      assertEquals(List.of(new WorkerExit(w2, -1)), launcher.reap());
      assertEquals(0, launcher.active());

      AgentId agent1 = master.addAgent(2, 4096, 10000);
      launcher.submit(request("-t", "120", "127.0.0.1", "1"));
      await(() -> workerProcesses().size() == 1, "a replacement on the new agent");
      assertEquals(agent1, log.launches().getLast().agent());
    }
    assertEquals(0, master.activeTasks());
    // SIGKILL is asynchronous: the processes are gone a moment after their tasks ended.
    await(() -> workerProcesses().isEmpty(), "end of every worker process after close");
    for (ProcessHandle p : seen) {
      assertTrue(!running(p), "worker " + p.pid() + " outlived the launcher");
    }
    assertTrue(master.calls().contains("TEARDOWN"), master.calls().toString());
    assertEquals(TaskState.TASK_KILLED, log.endStates().get(log.launches().getLast().task()));
  }

  @Test
  void idleWorker_leavesByItsTimeout_andIsReapedWithStatus0() throws Exception {
    try (MesosLauncher launcher = launcher()) {
      WorkerId w = launcher.submit(request("-t", "1", "127.0.0.1", "1"));
      await(() -> launcher.running() == 0 && launcher.launches() == 1, "the idle worker to leave");
      assertEquals(List.of(new WorkerExit(w, 0)), launcher.reap());
    }
  }

  /** Worker JVMs run by the fake agents (children of this JVM). */
  static List<ProcessHandle> workerProcesses() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().orElse("").endsWith("java"))
        .filter(p -> p.info().commandLine().orElse("").contains(WorkerTask.MAIN))
        .filter(MesosLauncherTest::running)
        .toList();
  }

  /** Alive and not a zombie. */
  static boolean running(ProcessHandle p) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(
          System.nanoTime() < deadline,
          () ->
              "no "
                  + what
                  + " in "
                  + PATIENCE
                  + "; workers "
                  + workerProcesses().stream().map(h -> h.pid() + " " + h.info()).toList()
                  + sandboxes());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // the fake gives no signal
    }
  }

  private String sandboxes() {
    StringBuilder b = new StringBuilder();
    if (!Files.exists(tmp.resolve("agents"))) {
      return " (no task ever ran)";
    }
    try (Stream<Path> files = Files.walk(tmp.resolve("agents"))) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("std(out|err)")).toList()) {
        b.append("\n--- ").append(f).append('\n').append(Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toString();
  }
}

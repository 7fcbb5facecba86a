package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.TaskState;
import dev.shoal.mesos.factory.LaunchLog;
import dev.shoal.mesos.factory.WorkerJar;
import dev.shoal.mesos.fake.FakeMesosMaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shoal factory -T mesos} (issue 5, item 5) in a JVM of its own, on the fake master, whose
 * agents really fetch the worker jar from the factory and really run the workers; the workflow is
 * {@code makeflow -T wq}, whose manager those workers serve.
 */
class MesosFactoryTest {
  static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path tmp;
  final LaunchLog launches = new LaunchLog();
  FakeMesosMaster master;
  AgentId agent0;
  AgentId agent1;
  Process factory;

  @BeforeEach
  void startMaster() throws IOException {
    master = LaunchLog.start(launches, tmp.resolve("agents"));
    agent0 = master.addAgent(4, 8192, 20000);
    agent1 = master.addAgent(4, 8192, 20000);
  }

  @AfterEach
  void stopAll() {
    if (factory != null) {
      Processes.killTree(factory.toHandle());
    }
    master.close();
    assertEquals(List.of(), master.protocolErrors(), "schema or protocol errors");
  }

  @Test
  void wqWorkflow_withWorkersOnMesos_completes_lostWorkersReplaced_idleWorkersLeave()
      throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("wf"));
    StringBuilder mf = new StringBuilder();
    int rules = 12;
    for (int i = 0; i < rules; i++) {
      mf.append("out.").append(i).append(":\n\tsleep 1; echo ").append(i).append(" > out.");
      mf.append(i).append("\n\n");
    }
    Files.writeString(dir.resolve("Makeflow"), mf);
    CompletableFuture<Cli.Result> run =
        CompletableFuture.supplyAsync(
            () -> Cli.makeflow(dir, "-T", "wq", "-Z", "port", "--no-progress"));
    int port = WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
    factory = startFactory("-w", "0", "-W", "4", "-t", "3", "127.0.0.1", Integer.toString(port));

    // Once work is being done, the agent holding the most workers is lost.
    await(() -> anyOutput(dir, rules) || run.isDone(), "no rule done by the workers");
    if (run.isDone()) {
      Cli.Result early = run.get();
      throw new AssertionError(
          "makeflow ended early:\n" + early.out() + early.err() + factoryLog());
    }
    AgentId lost = mostLaunches(agent0) >= mostLaunches(agent1) ? agent0 : agent1;
    AgentId kept = lost.equals(agent0) ? agent1 : agent0;
    long before = launches.launches().size();
    long lostAt = System.nanoTime();
    master.loseAgent(lost);

    Cli.Result r = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertEquals(0, r.exit(), r.err() + factoryLog());
    for (int i = 0; i < rules; i++) {
      assertEquals(i + "\n", Files.readString(dir.resolve("out." + i)));
    }
    List<LaunchLog.Launch> all = launches.launches();
    assertTrue(
        all.stream().anyMatch(l -> l.agent().equals(kept) && l.nanos() > lostAt),
        "no worker started on " + kept + " after " + lost + " was lost: " + all + factoryLog());
    assertTrue(all.size() > before, "lost workers not replaced" + factoryLog());
    assertTrue(
        all.stream().allMatch(l -> l.cpus() == 1 && l.memMb() == 300),
        "tasks sized as --cores/--memory: " + all);

    // Idle workers leave by their own timeout (3 s); with the manager gone none is started again.
    await(() -> master.activeTasks() == 0, "workers still running after the workflow");
    long finished =
        launches.endStates().values().stream().filter(s -> s == TaskState.TASK_FINISHED).count();
    assertTrue(finished >= 1, "no worker left on its idle timeout: " + launches.endStates());
    assertTrue(factory.isAlive(), "the factory stays for the next workflow");
    await(() -> workerProcesses().isEmpty(), "end of the idle workers' processes");
    factory.destroy();
    assertTrue(factory.waitFor(30, TimeUnit.SECONDS), "factory ignored SIGTERM");
    assertEquals(0, factory.exitValue(), factoryLog());
    assertTrue(master.calls().contains("TEARDOWN"), master.calls().toString());
    System.out.println(
        "mesos factory e2e: "
            + rules
            + " rules, "
            + all.size()
            + " worker tasks ("
            + before
            + " before "
            + lost
            + " was lost)");
  }

  @Test
  void sigterm_killsEveryWorkerTask_andTearsTheFrameworkDown() throws Exception {
    // No manager at port 1: the factory keeps its minimum of 3 workers, which wait for one.
    factory = startFactory("-w", "3", "-W", "3", "-t", "120", "127.0.0.1", "1");
    await(
        () -> master.activeTasks() == 3 && workerProcesses().size() == 3,
        "3 worker processes never ran");
    List<ProcessHandle> workers = workerProcesses();
    factory.destroy();
    assertTrue(factory.waitFor(30, TimeUnit.SECONDS), "factory ignored SIGTERM");
    assertEquals(0, factory.exitValue(), factoryLog());
    assertEquals(0, master.activeTasks());
    // SIGKILL is asynchronous: the processes are gone a moment after their tasks ended.
    await(() -> workerProcesses().isEmpty(), "end of every worker process");
    for (ProcessHandle w : workers) {
      assertTrue(!Processes.running(w.pid()), "worker " + w.pid() + " outlived the factory");
    }
    assertEquals(List.of(), workerProcesses());
    List<String> calls = master.calls();
    assertTrue(calls.contains("KILL") && calls.contains("TEARDOWN"), calls.toString());
    assertTrue(
        launches.endStates().values().stream().allMatch(s -> s == TaskState.TASK_KILLED),
        launches.endStates().toString());
  }

  private Process startFactory(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of("-Dshoal.tool=work_queue_factory", "dev.shoal.cli.Main"));
    cmd.addAll(
        List.of(
            "-T",
            "mesos",
            "--mesos-master=" + MesosRunTest.refusingAddress() + "," + master.address(),
            "--mesos-worker-jar=" + WorkerJar.get(),
            "--mesos-java=" + WorkerJar.java(),
            "--mesos-file-host=127.0.0.1",
            "--cores",
            "1",
            "--memory",
            "300",
            "--disk",
            "300",
            "--period",
            "0.5"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("factory.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  private String factoryLog() {
    try {
      return "\nfactory log:\n" + Files.readString(tmp.resolve("factory.log"));
    } catch (IOException e) {
      return "\n(no factory log: " + e.getMessage() + ")";
    }
  }

  /** Worker JVMs run by the fake agents (children of this JVM). */
  private static List<ProcessHandle> workerProcesses() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().orElse("").endsWith("java")) // not the sh -c around it
        .filter(p -> p.info().commandLine().orElse("").contains("dev.shoal.worker.WorkerMain"))
        .filter(p -> Processes.running(p.pid()))
        .toList();
  }

  private long mostLaunches(AgentId agent) {
    return launches.launches().stream().filter(l -> l.agent().equals(agent)).count();
  }

  private static boolean anyOutput(Path dir, int rules) {
    for (int i = 0; i < rules; i++) {
      if (Files.exists(dir.resolve("out." + i))) {
        return true;
      }
    }
    return false;
  }

  /** Polls {@code condition}: the fake master and the workers give no signal to wait on. */
  private void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, () -> what + " in " + PATIENCE + factoryLog());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}

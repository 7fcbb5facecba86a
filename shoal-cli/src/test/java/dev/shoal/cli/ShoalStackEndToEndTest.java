package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.wq.catalog.CatalogServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shoal's manager, worker, factory, status and catalog together, as real processes on real sockets:
 * nothing from cctools except where a test compares with {@code work_queue_status} (that part is
 * skipped without cctools, unless SHOAL_REQUIRE_CCTOOLS=1).
 */
class ShoalStackEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Path STATUS = Path.of("/usr/bin/work_queue_status");

  @TempDir Path tmp;

  private String project() {
    // Short enough for the PROJECT column (18), unique on a shared machine.
    return "st-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 10_000;
  }

  private Path flow(String makeflow) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("flow"));
    Files.writeString(dir.resolve("Makeflow"), makeflow);
    return dir;
  }

  @Test
  void status_andCatalogRecord_ofARunningManager() throws Exception {
    Path gate = tmp.resolve("gate");
    String wait = "while [ ! -e " + gate + " ]; do sleep 0.05; done; ";
    Path dir =
        flow(
            "a.txt:\n\t"
                + wait
                + "echo a > a.txt\nb.txt:\n\t"
                + wait
                + "echo b > b.txt\nc.txt: a.txt b.txt\n\tcat a.txt b.txt > c.txt\n");
    String project = project();
    try (ShoalStack stack = new ShoalStack(tmp)) {
      CatalogServer catalog = stack.catalog();
      String at = "127.0.0.1:" + catalog.port();
      Process manager =
          stack.manager(dir, tmp.resolve("manager.err"), "-Z", "port", "-N", project, "-C", at);
      int port = WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
      String hostPort = Integer.toString(port);
      stack.worker("w", "--cores=2", "--memory=1000", "--disk=2000", "127.0.0.1", hostPort);
      // One task fills the worker (no declared resources); the other waits: a stable state.
      WorkQueueWorkers.await(
          () ->
              ShoalStack.shoal("shoal", "status", "-T", "127.0.0.1", hostPort).contains("running"),
          PATIENCE,
          "a task running on the worker");

      String q = ShoalStack.shoal("shoal", "status", "-Q", "127.0.0.1", hostPort);
      // HOST (index 1) is this machine's name.
      assertEquals(List.of(project, hostPort, "1", "1", "0", "1"), without(cells(q, project), 1));
      String t = ShoalStack.shoal("shoal", "status", "-T", "127.0.0.1", hostPort);
      assertEquals(3, t.lines().count(), t);
      assertTrue(t.lines().anyMatch(l -> l.matches("\\d+ +running +0 .*")), t);
      assertTrue(t.lines().anyMatch(l -> l.matches("\\d+ +WAITING +0 \\?\\?\\? .*")), t);
      String w = ShoalStack.shoal("shoal", "status", "-W", "127.0.0.1", hostPort);
      List<String> worker =
          List.of(w.lines().skip(1).findFirst().orElseThrow().trim().split("\\s+"));
      assertEquals(
          List.of("0", "1", "2", "2", "1000", "1000", "2000", "2000"), worker.subList(2, 10), w);
      String r = ShoalStack.shoal("shoal", "status", "-R", "127.0.0.1", hostPort);
      assertEquals(List.of(project, "2", "2", "1", "1", "2", "2"), cells(r, project), r);
      if (cctoolsStatus()) {
        for (String what : List.of("-Q", "-T", "-W", "-R")) {
          assertEquals(
              ShoalStack.shoal("shoal", "status", what, "127.0.0.1", hostPort),
              cctools(STATUS.toString(), what, "127.0.0.1", hostPort),
              "work_queue_status " + what);
        }
      }

      // The catalog record: what factories and work_queue_status -C read, refreshed on change.
      WorkQueueWorkers.await(
          () -> number(record(catalog, project), "tasks_on_workers") == 1,
          PATIENCE,
          "the catalog record to show the running task");
      JxObject rec = record(catalog, project);
      assertEquals(9, number(rec, "protocol"));
      assertEquals(
          List.of(new JxInteger(9), new JxInteger(11)),
          ((JxArray) rec.get("protocols_accepted")).items());
      assertEquals(port, number(rec, "port"));
      assertEquals(1, number(rec, "tasks_waiting"));
      assertEquals(1, number(rec, "tasks_left"), "c.txt waits for its inputs");
      assertEquals(1, number(rec, "workers_connected"));
      assertEquals(3, number(rec, "tasks_total_cores"), "2 held + 1 for the waiting task");
      String row = ShoalStack.shoal("shoal", "status", "-C", at, "-M", project);
      assertEquals(List.of(project, hostPort, "1", "1", "0", "1"), without(cells(row, project), 1));
      if (cctoolsStatus()) {
        String theirs = cctools(STATUS.toString(), "-C", at);
        assertEquals(
            row.lines().filter(l -> l.startsWith(project)).toList(),
            theirs.lines().filter(l -> l.startsWith(project)).toList());
      }

      Files.writeString(gate, "");
      assertTrue(manager.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "workflow not done");
      assertEquals(0, manager.exitValue(), Files.readString(tmp.resolve("manager.err")));
      assertEquals("a\nb\n", Files.readString(dir.resolve("c.txt")));
      String err = Files.readString(tmp.resolve("manager.err"));
      assertTrue(err.contains("(protocol 11, shoal-"), err);
    }
  }

  @Test
  void factory_withOurWorkers_runsTheWorkflowWithinMaxWorkers() throws Exception {
    int rules = 6;
    StringBuilder mf = new StringBuilder();
    for (int i = 1; i <= rules; i++) {
      mf.append("out").append(i).append(":\n\tsleep 1; echo ").append(i).append(" > out");
      mf.append(i).append('\n');
    }
    Path dir = flow(mf.toString());
    String project = project();
    try (ShoalStack stack = new ShoalStack(tmp)) {
      CatalogServer catalog = stack.catalog();
      String at = "127.0.0.1:" + catalog.port();
      Process manager =
          stack.manager(dir, tmp.resolve("manager.err"), "-Z", "port", "-N", project, "-C", at);
      WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
      Process factory =
          stack.factory(
              "-T",
              "local",
              "-M",
              project,
              "-C",
              at,
              "--worker-binary",
              stack.workerScript().toString(),
              "-w",
              "0",
              "-W",
              "2",
              "--period",
              "0.5",
              "-t",
              "3",
              "-S",
              tmp.resolve("scratch").toString());
      int most = 0;
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (manager.isAlive()) {
        most = Math.max(most, ShoalStack.workersUnder(factory.toHandle()).size());
        assertTrue(System.nanoTime() < deadline, () -> "workflow not done: " + log("factory.err"));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // workers give no signal
      }
      assertEquals(0, manager.exitValue(), log("manager.err"));
      for (int i = 1; i <= rules; i++) {
        assertEquals(i + "\n", Files.readString(dir.resolve("out" + i)));
      }
      assertTrue(most >= 1 && most <= 2, "at most " + most + " workers at once");
      String err = log("manager.err");
      assertTrue(err.contains("(protocol 11, shoal-"), "our worker, protocol 11: " + err);
      WorkQueueWorkers.await(
          () -> ShoalStack.workersUnder(factory.toHandle()).isEmpty(),
          Duration.ofSeconds(30),
          "the idle workers to leave (-t 3)");
      assertTrue(log("factory.err").contains("managers 1, workers needed"), log("factory.err"));
    }
  }

  @Test
  void factory_killedWithSigkill_leavesNoWorkers() throws Exception {
    try (ShoalStack stack = new ShoalStack(tmp)) {
      CatalogServer catalog = stack.catalog();
      Process factory =
          stack.factory(
              "-M",
              "none-" + System.nanoTime(),
              "-C",
              "127.0.0.1:" + catalog.port(),
              "--worker-binary",
              stack.workerScript().toString(),
              "-w",
              "2",
              "-W",
              "2",
              "--period",
              "0.5",
              "-t",
              "60",
              "-S",
              tmp.resolve("scratch").toString());
      WorkQueueWorkers.await(
          () -> ShoalStack.workersUnder(factory.toHandle()).size() == 2,
          PATIENCE,
          "the factory's 2 workers");
      List<ProcessHandle> workers = ShoalStack.workersUnder(factory.toHandle());
      WorkQueueWorkers.await(
          () ->
              log("scratch/worker-1.log").contains(" offering ")
                  && log("scratch/worker-2.log").contains(" offering "),
          PATIENCE,
          "both workers to be running (their first log line)");
      factory.destroyForcibly(); // SIGKILL: the factory cannot stop them itself
      WorkQueueWorkers.await(
          () -> workers.stream().noneMatch(w -> Processes.running(w.pid())),
          Duration.ofSeconds(20),
          "the workers to exit after their parent (--parent-death)");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void worker_withManagerName_findsOurManagerThroughTheCatalog(boolean password) throws Exception {
    Path dir = flow("x.txt:\n\techo x > x.txt\ny.txt: x.txt\n\tcat x.txt x.txt > y.txt\n");
    Path pw = Files.writeString(tmp.resolve("pw"), "open sesame\n");
    String project = project();
    try (ShoalStack stack = new ShoalStack(tmp)) {
      CatalogServer catalog = stack.catalog();
      String at = "127.0.0.1:" + catalog.port();
      List<String> secret = password ? List.of("--password", pw.toString()) : List.of();
      List<String> args = new java.util.ArrayList<>(List.of("-Z", "port", "-N", project, "-C", at));
      args.addAll(secret);
      Process manager = stack.manager(dir, tmp.resolve("manager.err"), args.toArray(String[]::new));
      WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
      List<String> w = new java.util.ArrayList<>(List.of("-M", project, "-C", at));
      if (password) {
        w.addAll(List.of("-P", pw.toString()));
      }
      stack.worker("w", w.toArray(String[]::new));
      assertTrue(manager.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), log("manager.err"));
      assertEquals(0, manager.exitValue(), log("manager.err"));
      assertEquals("x\nx\n", Files.readString(dir.resolve("y.txt")));
      assertTrue(log("manager.err").contains("(protocol 11, shoal-"), log("manager.err"));
      String worker = log("w-1.log");
      assertTrue(worker.contains("(protocol 11)"), worker);
    }
  }

  @Test
  void monitor_withOurWorker_writesEveryRulesSummaryIntoTheMonitorDirectory() throws Exception {
    Path dir =
        flow(
            "a.dat:\n\thead -c 3000000 /dev/zero > a.dat\n"
                + "n.txt: a.dat\n\twc -c < a.dat > n.txt\n");
    try (ShoalStack stack = new ShoalStack(tmp)) {
      Process manager =
          stack.manager(dir, tmp.resolve("manager.err"), "-Z", "port", "--monitor=mon");
      int port = WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
      stack.worker("w", "127.0.0.1", "" + port);
      assertTrue(manager.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), log("manager.err"));
      assertEquals(0, manager.exitValue(), log("manager.err"));
      assertEquals("3000000\n", Files.readString(dir.resolve("n.txt")));
      List<String> commands = new java.util.ArrayList<>();
      try (var files = Files.list(dir.resolve("mon"))) {
        for (Path f : files.sorted().toList()) {
          assertTrue(
              f.getFileName().toString().matches("resource-rule-00000[01]\\.summary"),
              f.toString());
          dev.shoal.monitor.Summary s =
              dev.shoal.monitor.SummaryJson.parse(Files.readString(f), f.toString());
          assertEquals(0, s.exitStatus(), f.toString());
          commands.add(s.command());
        }
      }
      assertEquals(2, commands.size(), commands.toString());
      assertTrue(commands.get(0).contains("head -c 3000000"), commands.toString());
      assertTrue(commands.get(1).contains("wc -c"), commands.toString());
    }
  }

  @Test
  void tls_ourWorkerWithSsl_runsTheWorkflow_aPlainWorkerIsDropped() throws Exception {
    Path dir =
        flow(
            "x.txt:\n\techo x > x.txt\ny.txt: x.txt\n\tcat x.txt x.txt > y.txt\n"
                + "copy.dat: big.dat\n\tcp big.dat copy.dat\n");
    // Larger than what goes through the write buffer: file bodies take the path that would use
    // sendfile on a plain socket, and must be encrypted here.
    byte[] big = new byte[300_000];
    new java.util.Random(5).nextBytes(big);
    Files.write(dir.resolve("big.dat"), big);
    SelfSigned tls = SelfSigned.in(tmp);
    try (ShoalStack stack = new ShoalStack(tmp)) {
      Process manager =
          stack.manager(
              dir,
              tmp.resolve("manager.err"),
              "-Z",
              "port",
              "--ssl-cert",
              tls.cert().toString(),
              "--ssl-key",
              tls.key().toString());
      int port = WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
      // A worker without --ssl speaks plain text to a TLS listener: it gets nowhere.
      stack.worker("plain", "--single-shot", "127.0.0.1", "" + port);
      WorkQueueWorkers.await(
          () -> log("plain-1.log").contains("sent a malformed message"),
          PATIENCE,
          "the plain worker to lose its connection");
      stack.worker("w", "--ssl", "127.0.0.1", "" + port);
      assertTrue(manager.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), log("manager.err"));
      assertEquals(0, manager.exitValue(), log("manager.err"));
      assertEquals("x\nx\n", Files.readString(dir.resolve("y.txt")));
      assertTrue(java.util.Arrays.equals(big, Files.readAllBytes(dir.resolve("copy.dat"))));
      assertTrue(log("manager.err").contains("SSL message"), log("manager.err"));
    }
  }

  private String log(String name) {
    try {
      return Files.readString(tmp.resolve(name));
    } catch (java.io.IOException e) {
      return "(no " + name + ": " + e.getMessage() + ")";
    }
  }

  private static JxObject record(CatalogServer catalog, String project) {
    try {
      return ShoalStack.record(catalog, project).orElse(JxObject.EMPTY);
    } catch (java.io.IOException e) {
      throw new AssertionError("catalog query failed", e);
    }
  }

  private static long number(JxObject r, String key) {
    return r.get(key) instanceof JxInteger(long n) ? n : -1;
  }

  /** The cells of the table row that starts with {@code first}. */
  private static List<String> cells(String table, String first) {
    return List.of(
        table
            .lines()
            .filter(l -> l.startsWith(first + " "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(first + " not in\n" + table))
            .trim()
            .split("\\s+"));
  }

  private static List<String> without(List<String> cells, int index) {
    List<String> out = new java.util.ArrayList<>(cells);
    out.remove(index);
    return out;
  }

  private static boolean cctoolsStatus() {
    if ("1".equals(System.getenv("SHOAL_REQUIRE_CCTOOLS"))) {
      assertTrue(Files.isExecutable(STATUS), STATUS + " missing and SHOAL_REQUIRE_CCTOOLS=1");
      return true;
    }
    return Files.isExecutable(STATUS);
  }

  private static String cctools(String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().keySet().removeIf(k -> k.startsWith("CATALOG_"));
    Process p = pb.start();
    try {
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "timed out: " + List.of(cmd));
      assertEquals(0, p.exitValue(), List.of(cmd) + ":\n" + text);
      return text;
    } finally {
      p.destroyForcibly();
    }
  }
}

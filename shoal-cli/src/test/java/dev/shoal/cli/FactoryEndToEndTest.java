package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shoal.wq.catalog.CatalogServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The factory and the status command with real processes: Shoal's catalog, cctools' makeflow as the
 * Work Queue manager, cctools' worker started by {@code shoal factory}, and cctools' {@code
 * work_queue_status} as the reference. Skipped without cctools unless SHOAL_REQUIRE_CCTOOLS=1.
 */
class FactoryEndToEndTest {
  private static final Path MAKEFLOW = Path.of("/usr/bin/makeflow");
  private static final Path WORKER = Path.of("/usr/bin/work_queue_worker");
  private static final Path STATUS = Path.of("/usr/bin/work_queue_status");
  private static final int RULES = 6;
  private static final int MAX_WORKERS = 3;

  @TempDir Path tmp;

  private static void requireCctools() {
    boolean present = Files.isExecutable(MAKEFLOW) && Files.isExecutable(WORKER);
    present &= Files.isExecutable(STATUS);
    if ("1".equals(System.getenv("SHOAL_REQUIRE_CCTOOLS"))) {
      assertTrue(
          present, "cctools missing and SHOAL_REQUIRE_CCTOOLS=1: install coop-computing-tools");
    } else {
      Assumptions.assumeTrue(present, "cctools is not installed");
    }
  }

  @Test
  void factory_runsWorkflowWithinMaxWorkers_andStatusMatchesCctools() throws Exception {
    requireCctools();
    // Short enough for the PROJECT column (18), unique on a shared catalog.
    String project = "sf-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
    StringBuilder rules = new StringBuilder();
    for (int i = 1; i <= RULES; i++) {
      rules.append("out").append(i).append(":\n\tsleep 1; echo ").append(i).append(" > out");
      rules.append(i).append('\n');
    }
    Files.writeString(tmp.resolve("Makeflow"), rules);
    Path portFile = tmp.resolve("manager.port");
    try (CatalogServer catalog = startCatalog()) {
      String at = "127.0.0.1:" + catalog.port();
      Process manager =
          new ProcessBuilder(
                  MAKEFLOW.toString(),
                  "-T",
                  "wq",
                  "-N",
                  project,
                  "-C",
                  at,
                  "-p",
                  "0",
                  "-Z",
                  portFile.toString(),
                  "Makeflow")
              .directory(tmp.toFile())
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("makeflow.out").toFile())
              .start();
      Process factory = null;
      try {
        int port = awaitPort(portFile, manager);
        // No worker yet: the manager's answers are stable, so ours and cctools' must be equal.
        for (String what : List.of("-Q", "-T", "-W")) {
          String ours = shoal("work_queue_status", what, "127.0.0.1", Integer.toString(port));
          assertEquals(cctools(STATUS.toString(), what, "127.0.0.1", Integer.toString(port)), ours);
        }
        assertEquals(
            RULES + 1, shoal("shoal", "status", "-T", "127.0.0.1", "" + port).lines().count());

        factory =
            startFactory(
                "-T",
                "local",
                "-M",
                project,
                "-C",
                at,
                "--worker-binary",
                WORKER.toString(),
                "-w",
                "0",
                "-W",
                Integer.toString(MAX_WORKERS),
                "--period",
                "0.5",
                "-t",
                "3",
                "-S",
                tmp.resolve("scratch").toString());
        int most = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (manager.isAlive()) {
          most = Math.max(most, workers(factory).size());
          if (System.nanoTime() > deadline) {
            fail("workflow not done in 120 s:\n" + Files.readString(tmp.resolve("factory.err")));
          }
          // Workers give no signal when they start: sample the process tree.
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        assertEquals(0, manager.exitValue(), Files.readString(tmp.resolve("makeflow.out")));
        for (int i = 1; i <= RULES; i++) {
          assertEquals(i + "\n", Files.readString(tmp.resolve("out" + i)));
        }
        assertTrue(most >= 1 && most <= MAX_WORKERS, "at most " + most + " workers at once");
        System.out.println(
            "factory e2e: " + RULES + " rules, at most " + most + " workers at once");

        // Idle workers leave by their own timeout (3 s).
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!workers(factory).isEmpty()) {
          assertTrue(System.nanoTime() < deadline, "workers still running 30 s after the work");
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        String log = Files.readString(tmp.resolve("factory.err"));
        assertTrue(log.contains("managers 1, workers needed"), log);

        // The finished manager's last record: ours and cctools' tables agree on it.
        String row = row(shoal("shoal", "status", "-C", at, "-M", project), project);
        assertEquals(row(cctools(STATUS.toString(), "-C", at), project), row);
        assertEquals(List.of(project, "0", "0", Integer.toString(RULES)), fields(row));
      } finally {
        if (factory != null) {
          factory.destroy(); // SIGTERM: the factory's own clean stop
          factory.waitFor(15, TimeUnit.SECONDS);
          Processes.killTree(factory.toHandle());
        }
        Processes.killTree(manager.toHandle());
      }
    }
  }

  @Test
  void factory_onSigterm_removesItsWorkers() throws Exception {
    requireCctools();
    try (CatalogServer catalog = startCatalog()) {
      Process factory =
          startFactory(
              "-M",
              "no-such-project-" + System.nanoTime(),
              "-C",
              "127.0.0.1:" + catalog.port(),
              "--worker-binary",
              WORKER.toString(),
              "-w",
              "2",
              "-W",
              "4",
              "--period",
              "0.5",
              "-t",
              "60",
              "-S",
              tmp.resolve("scratch").toString());
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<ProcessHandle> started = workers(factory);
        while (started.size() < 2) {
          assertTrue(System.nanoTime() < deadline, "the minimum of 2 workers never started");
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
          started = workers(factory);
        }
        factory.destroy();
        assertTrue(factory.waitFor(20, TimeUnit.SECONDS), "factory ignored SIGTERM");
        assertEquals(0, factory.exitValue());
        for (ProcessHandle w : started) {
          assertTrue(!Processes.running(w.pid()), "worker " + w.pid() + " outlived the factory");
        }
      } finally {
        Processes.killTree(factory.toHandle());
      }
    }
  }

  private static CatalogServer startCatalog() throws IOException {
    return CatalogServer.start(
        CatalogServer.Config.defaults()
            .withPort(0)
            .withUpdatePort(0)
            .withBindAddress(InetAddress.getLoopbackAddress()));
  }

  private Process startFactory(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of("-Dshoal.tool=shoal", "dev.shoal.cli.Main", "factory"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectError(tmp.resolve("factory.err").toFile())
        .redirectOutput(tmp.resolve("factory.out").toFile())
        .start();
  }

  /** The worker processes the factory runs now. */
  private static List<ProcessHandle> workers(Process factory) {
    // Children only: a cctools worker forks before it execs a task, and that fork carries the
    // worker's name for a moment.
    return factory
        .children()
        .filter(p -> p.info().command().orElse("").endsWith("work_queue_worker"))
        .filter(p -> Processes.running(p.pid()))
        .toList();
  }

  private static String shoal(String tool, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(tool, args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(0, code, err.toString());
    return out.toString();
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

  private static String row(String table, String project) {
    return table
        .lines()
        .filter(l -> l.startsWith(project + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError(project + " not in\n" + table));
  }

  /** PROJECT, WAITING, RUNNING, COMPLETE of a -Q row. */
  private static List<String> fields(String row) {
    String[] f = row.trim().split("\\s+");
    return List.of(f[0], f[3], f[4], f[5]);
  }

  private static int awaitPort(Path portFile, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (Files.exists(portFile)) {
        String s = Files.readString(portFile).strip();
        if (!s.isEmpty()) {
          return Integer.parseInt(s);
        }
      }
      assertTrue(p.isAlive(), "makeflow exited early");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // the port file is the only sign
    }
    throw new AssertionError("makeflow wrote no port file in 20 s");
  }
}

package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.LogRecord;
import dev.shoal.engine.log.NodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code makeflow -T wq} with Debian's cctools {@code work_queue_worker} (protocol 9): real
 * workers, real sockets, real workflows. Skipped when cctools is absent unless
 * SHOAL_REQUIRE_CCTOOLS=1.
 */
class WorkQueueEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private Path dir;

  @BeforeEach
  void workflow() throws Exception {
    WorkQueueWorkers.assumeInstalled();
    dir = Files.createDirectory(tmp.resolve("flow"));
    Files.createDirectories(dir.resolve("data/sub"));
    Files.writeString(dir.resolve("data/a.txt"), "alpha\n");
    Files.writeString(dir.resolve("data/sub/b.txt"), "beta\n");
    Files.writeString(dir.resolve("shared.txt"), "shared\n");
    Files.writeString(
        dir.resolve("Makeflow"),
        """
        one.txt: shared.txt
        \tcat shared.txt > one.txt; echo one >> one.txt

        two.txt: shared.txt data
        \tcat shared.txt data/a.txt data/sub/b.txt > two.txt

        three.txt: shared.txt->in.txt
        \tcat in.txt in.txt > three.txt

        final.txt: one.txt two.txt three.txt
        \tcat one.txt two.txt three.txt > final.txt
        """);
  }

  @Test
  void run_twoWorkers_makesEveryOutputExactly() throws Exception {
    try (WorkQueueWorkers workers = new WorkQueueWorkers(tmp)) {
      CompletableFuture<Cli.Result> run = runAsync("-T", "wq", "-Z", "port");
      int port = WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
      workers.start(port, "--cores", "1");
      workers.start(port, "--cores", "1");
      Cli.Result r = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("listening for workers on port " + port), r.out());
      assertOutputs();
      assertCompletedOnce(4);
    }
  }

  @Test
  void run_withPassword_refusesTheWrongOneAndRunsOnTheRightOne() throws Exception {
    Files.writeString(tmp.resolve("pw"), "s3cret\n");
    Files.writeString(tmp.resolve("bad"), "guess\n");
    try (WorkQueueWorkers workers = new WorkQueueWorkers(tmp)) {
      CompletableFuture<Cli.Result> run =
          runAsync("-T", "workqueue", "-Z", "port", "--password", tmp.resolve("pw").toString());
      int port = WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
      workers.start(port, "-P", tmp.resolve("bad").toString());
      workers.start(port, "-P", tmp.resolve("pw").toString());
      Cli.Result r = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(0, r.exit(), r.err());
      assertTrue(
          r.err().matches("(?s).*connection from 127\\.0\\.0\\.1:\\d+ dropped: .*password.*"),
          r.err());
      assertOutputs();
    }
  }

  @Test
  void run_workerReportingMoreCoresThanTheMachine_stillRunsCorrectly() throws Exception {
    Files.writeString(
        dir.resolve("Makeflow"),
        ".MAKEFLOW CATEGORY small\n.MAKEFLOW CORES 1\n\n"
            + Files.readString(dir.resolve("Makeflow")));
    try (WorkQueueWorkers workers = new WorkQueueWorkers(tmp)) {
      CompletableFuture<Cli.Result> run = runAsync("-T", "wq", "-Z", "port");
      workers.start(WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE), "--cores", "64");
      Cli.Result r = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(0, r.exit(), r.err());
      assertOutputs();
    }
  }

  @Test
  void run_workerKilledMidTask_taskCompletesOnTheOtherAndCountsOnce() throws Exception {
    Path marker = tmp.resolve("slow-started");
    Files.writeString(
        dir.resolve("Makeflow"),
        Files.readString(dir.resolve("Makeflow"))
            + "\nslow.txt: shared.txt\n\ttouch "
            + marker
            + "; sleep 2; cat shared.txt > slow.txt\n");
    try (WorkQueueWorkers workers = new WorkQueueWorkers(tmp)) {
      CompletableFuture<Cli.Result> run = runAsync("-T", "wq", "-Z", "port");
      int port = WorkQueueWorkers.awaitPort(dir.resolve("port"), PATIENCE);
      Process first = workers.start(port);
      WorkQueueWorkers.await(() -> Files.exists(marker), PATIENCE, "the slow rule to start");
      Processes.killTree(first.toHandle());
      workers.start(port);
      Cli.Result r = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.err().contains("task(s) requeued"), r.err());
      assertEquals("shared\n", Files.readString(dir.resolve("slow.txt")));
      assertOutputs();
      assertCompletedOnce(5);
    }
  }

  private CompletableFuture<Cli.Result> runAsync(String... args) {
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--no-progress";
    return CompletableFuture.supplyAsync(() -> Cli.makeflow(dir, all));
  }

  private void assertOutputs() throws Exception {
    String one = "shared\none\n";
    String two = "shared\nalpha\nbeta\n";
    String three = "shared\nshared\n";
    assertEquals(one, Files.readString(dir.resolve("one.txt")));
    assertEquals(two, Files.readString(dir.resolve("two.txt")));
    assertEquals(three, Files.readString(dir.resolve("three.txt")));
    assertEquals(one + two + three, Files.readString(dir.resolve("final.txt")));
    try (var files = Files.list(dir)) {
      assertTrue(
          files.noneMatch(p -> p.getFileName().toString().contains(".shoal-get-")),
          "no temporary output left");
    }
  }

  /** Every rule reached COMPLETE exactly once in the transaction log. */
  private void assertCompletedOnce(int rules) throws Exception {
    Map<Integer, Long> complete = new java.util.HashMap<>();
    List<String> warnings =
        LogReader.read(
            dir.resolve("Makeflow.makeflowlog"),
            rec -> {
              if (rec instanceof LogRecord.NodeState n && n.status() == NodeStatus.COMPLETE) {
                complete.merge(n.nodeId(), 1L, Long::sum);
              }
            });
    assertEquals(List.of(), warnings, "the log is clean");
    assertEquals(rules, complete.size(), complete.toString());
    complete.forEach(
        (rule, n) -> assertEquals(1L, n, "rule " + rule + " completed " + n + " times"));
  }
}

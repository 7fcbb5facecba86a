package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.run.RunOutcome;
import dev.shoal.mesos.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The faults of issue 5 on the fake master: each run must still end right. */
class MesosFaultTest extends MesosHarness {
  static final int MAPS = 8;

  @Test
  void subscriptionDropped_midRun_resubscribesAndRunsEachTaskOnce() throws Exception {
    Path dir = tmp.resolve("wf");
    Path runs = tmp.resolve("runs.txt");
    writeInput(dir, MAPS);
    CompletableFuture<RunOutcome> run = inBackground(dir, mapReduce(MAPS, runs, 0.5));
    awaitTrue(() -> lines(runs) >= 2, "maps started");
    master.dropStream();

    assertEquals(RunOutcome.Status.COMPLETED, run.get(60, TimeUnit.SECONDS).status());
    checkResult(dir);
    assertEquals(MAPS, runCounts(runs).size());
    assertTrue(runCounts(runs).values().stream().allMatch(c -> c == 1), runCounts(runs)::toString);
    List<?> ids = master.subscribedIds();
    assertTrue(ids.size() >= 2, "resubscribed: " + ids);
    assertEquals(1, ids.stream().distinct().count(), "same framework after the drop: " + ids);
    assertTrue(master.calls().stream().filter("RECONCILE"::equals).count() >= 2);
  }

  @Test
  void agentLost_withRunningTasks_runsThemElsewhere() throws Exception {
    Path dir = tmp.resolve("wf");
    Path runs = tmp.resolve("runs.txt");
    writeInput(dir, MAPS);
    CompletableFuture<RunOutcome> run = inBackground(dir, mapReduce(MAPS, runs, 2));
    awaitTrue(
        () ->
            ranOn(runs, agent0.value()) && master.used(agent0).getOrDefault(Resource.CPUS, 0.0) > 0,
        "maps running on agent 0");
    master.loseAgent(agent0);

    assertEquals(RunOutcome.Status.COMPLETED, run.get(90, TimeUnit.SECONDS).status());
    checkResult(dir);
    assertEquals(MAPS, runCounts(runs).size());
    assertTrue(
        runCounts(runs).values().stream().anyMatch(c -> c == 2),
        "a map lost with its agent ran again: " + runCounts(runs));
  }

  @Test
  void offerRescinded_beforeAccept_tasksLaunchOnLaterOffers() throws Exception {
    Path dir = tmp.resolve("wf");
    Path runs = tmp.resolve("runs.txt");
    writeInput(dir, MAPS);
    master.rescindBeforeNextAccept();

    RunOutcome r = run(dir, mapReduce(MAPS, runs, 0), o -> o);

    assertEquals(RunOutcome.Status.COMPLETED, r.status());
    assertEquals(1, master.rescinded());
    checkResult(dir);
    assertTrue(runCounts(runs).values().stream().allMatch(c -> c == 1), runCounts(runs)::toString);
  }

  @Test
  void taskLargerThanAnyAgent_failsWithClearMessage() throws Exception {
    Path dir = tmp.resolve("wf");
    Files.createDirectories(dir);
    String mf = ".MAKEFLOW CATEGORY huge\n.MAKEFLOW CORES 64\n\nout: \n\techo never > out\n";
    long start = System.nanoTime();

    RunOutcome r = run(dir, mf, o -> o.withOversizeAfter(Duration.ofSeconds(1)));

    assertEquals(RunOutcome.Status.FAILED, r.status());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "decided in time");
    String message = String.valueOf(events);
    assertTrue(message.contains("asks for cpus=64.00"), message);
    assertTrue(message.contains("the largest offer was cpus=2.00"), message);
    assertEquals(0, master.activeTasks());
  }

  @Test
  void engineKilled_andRestarted_failsOverAndFinishes() throws Exception {
    Path dir = tmp.resolve("wf");
    Path runs = tmp.resolve("runs.txt");
    writeInput(dir, MAPS);
    Files.writeString(dir.resolve("Makeflow"), mapReduce(MAPS, runs, 3));
    Process first = RunMain.start(dir, master.address(), tmp.resolve("first.log"));
    try {
      awaitTrue(() -> lines(runs) >= 2, "maps started by the first engine");
    } finally {
      first.descendants().forEach(ProcessHandle::destroyForcibly);
      first.destroyForcibly();
      first.waitFor(10, TimeUnit.SECONDS);
    }
    String id = Files.readString(dir.resolve("Makeflow.mesos")).strip();
    int running = master.activeTasks();
    assertTrue(running >= 1, "tasks of the killed engine still run");

    RunOutcome second = run(dir, Files.readString(dir.resolve("Makeflow")), o -> o);

    assertEquals(RunOutcome.Status.COMPLETED, second.status(), () -> "events " + events);
    checkResult(dir);
    assertEquals(id, master.subscribedIds().get(1).value(), "failed over to the same framework");
    assertTrue(master.calls().contains("KILL"), "the killed engine's tasks were stopped");
    assertEquals(0, master.activeTasks());
    assertEquals(MAPS, runCounts(runs).size());
  }

  private CompletableFuture<RunOutcome> inBackground(Path dir, String makeflow) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return run(dir, makeflow, o -> o);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /** Every map's output is there and the result is their concatenation. */
  private static void checkResult(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < MAPS; i++) {
      String out = Files.readString(dir.resolve("out." + i));
      assertTrue(out.startsWith(i + " "), "out." + i + ": " + out);
      all.append(out);
    }
    assertEquals(all.toString(), Files.readString(dir.resolve("result")));
  }

  private static boolean ranOn(Path runs, String agent) {
    try {
      return Files.exists(runs) && Files.readString(runs).contains(" " + agent + "\n");
    } catch (IOException e) {
      return false;
    }
  }

  private static long lines(Path f) {
    try {
      return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Polls a condition about programs that signal nothing, with a deadline. */
  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  static Map<String, Long> counts(Path runs) throws IOException {
    return runCounts(runs);
  }
}

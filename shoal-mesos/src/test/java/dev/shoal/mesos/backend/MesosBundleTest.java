package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.run.RunOutcome;
import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Bundles ({@code --mesos-bundle}): short rules of a category sent several to a Mesos task of the
 * Shoal executor, on the fake master with real executor JVMs. Each rule keeps its own result,
 * commit and retry; a bundle lost mid-way runs again only its members not yet reported.
 */
class MesosBundleTest extends MesosHarness {
  /** Categories under 5 s are short after 2 rules; bundles of up to 8 (the waiting spread). */
  static final Bundling EAGER = new Bundling(8, 2, 5.0, 10.0);

  static MesosOptions bundled(MesosOptions o, Bundling b) {
    return o.withDefaults(0.9, 64, 64)
        .withExecutor(ExecutorChoice.DEFAULT.withMode(ExecutorChoice.Mode.SHOAL).withBundling(b));
  }

  @Test
  void shortRules_runInBundles_eachReportedOnce_matchesLocal() throws Exception {
    mapReduceMatchesLocal(40, o -> bundled(o, Bundling.DEFAULT));

    Map<TaskId, String> jobs = jobIds();
    Set<String> bundles =
        jobs.values().stream().filter(j -> j.contains("-b")).collect(Collectors.toSet());
    assertFalse(bundles.isEmpty(), "no bundle launched: " + jobs.values());
    assertTrue(
        new HashSet<>(jobs.values()).size() < jobs.size(), "fewer Mesos tasks than rules: " + jobs);
    // 40 maps of one output each and the combine's: one PUT each unless bundle members' outputs
    // go together (the split's 41 outputs go in a batch either way).
    long singles = backend.fileServer().singleUploads();
    assertTrue(singles < 30, singles + " single uploads: bundle members delivered one by one");
    assertOneFinishedEach();
    assertTrue(master.awaitExecutorsExited(Duration.ofSeconds(20)), "SHUTDOWN left executors");
    assertEquals(List.of(), master.sandboxFiles(), "sandbox content left behind");
  }

  @Test
  void bundlingOff_oneRulePerMesosTask() throws Exception {
    mapReduceMatchesLocal(20, o -> bundled(o, Bundling.OFF));

    Map<TaskId, String> jobs = jobIds();
    assertTrue(jobs.values().stream().noneMatch(j -> j.contains("-b")), jobs::toString);
    assertEquals(jobs.size(), new HashSet<>(jobs.values()).size(), "one Mesos task per rule");
    assertOneFinishedEach();
  }

  @Test
  void failingMember_doesNotFailItsSiblings() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("fail"));
    BlockingQueue<BackendEvent> seen = new LinkedBlockingQueue<>();
    MesosBackend b =
        MesosBackend.start(
            seen::add, bundled(options(), EAGER), dir, "Makeflow", MesosHarness::micros);
    Map<TaskId, BackendEvent.Finished> results = new HashMap<>();
    Map<TaskId, String> jobs = new HashMap<>();
    try {
      for (int i = 0; i < 4; i++) { // the category's first rules go alone
        b.submit(task(dir, i, "echo " + i + " > out." + i));
      }
      collect(seen, 4, results, jobs);
      int failing = 6;
      for (int i = 4; i < 28; i++) {
        b.submit(task(dir, i, i == failing ? "echo broken; exit 3" : "echo " + i + " > out." + i));
      }
      collect(seen, 28, results, jobs);
      TaskResult bad = results.get(new TaskId(failing)).result();
      assertEquals(TaskResult.Outcome.EXITED, bad.outcome(), bad.toString());
      assertEquals(3, bad.exitCode(), bad.toString());
      String bundle = jobs.get(new TaskId(failing));
      assertTrue(bundle.contains("-b"), "the failing rule ran in a bundle: " + bundle);
      int siblings = 0;
      for (int i = 4; i < 28; i++) {
        if (i == failing) {
          continue;
        }
        TaskResult r = results.get(new TaskId(i)).result();
        assertTrue(r.succeeded(), "rule " + i + ": " + r);
        assertEquals(i + "\n", Files.readString(dir.resolve("out." + i)));
        siblings += bundle.equals(jobs.get(new TaskId(i))) ? 1 : 0;
      }
      assertTrue(siblings > 0, "the failing rule had siblings in its bundle");
    } finally {
      b.close();
    }
    assertTrue(master.awaitExecutorsExited(Duration.ofSeconds(20)), "SHUTDOWN left executors");
    assertEquals(List.of(), master.sandboxFiles(), "sandbox content left behind");
  }

  @Test
  void agentLost_midBundle_rerunsOnlyUnreportedMembers() throws Exception {
    int maps = 24;
    Path dir = tmp.resolve("wf");
    Path runs = tmp.resolve("runs.txt");
    writeInput(dir, maps);
    CompletableFuture<RunOutcome> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run(dir, mapReduce(maps, runs, 0.5), o -> bundled(o, EAGER));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    // A bundle on agent 0 that has reported a member and has two or more still to run: one runs
    // (0.5 s) and one waits, so its loss reruns at least one.
    MesosFaultTest.awaitTrue(
        () -> {
          Map<String, Long> reported =
              events.stream()
                  .filter(e -> e instanceof BackendEvent.Started s && s.jobId().contains("-b"))
                  .collect(
                      Collectors.groupingBy(
                          e -> ((BackendEvent.Started) e).jobId(), Collectors.counting()));
          return master.activeTaskIds(agent0).stream()
              .map(t -> t.value())
              .filter(id -> id.matches(".*-b\\d+"))
              .anyMatch(
                  id -> {
                    long k = Long.parseLong(id.substring(id.lastIndexOf("-b") + 2));
                    long done = reported.getOrDefault(id, 0L);
                    return done >= 1 && k - done >= 2;
                  });
        },
        "a bundle on agent 0 with a member reported and two to run");
    Set<String> committed = new HashSet<>();
    for (int i = 0; i < maps; i++) {
      if (Files.exists(dir.resolve("out." + i))) {
        committed.add(Integer.toString(i));
      }
    }
    master.loseAgent(agent0);

    assertEquals(RunOutcome.Status.COMPLETED, run.get(90, TimeUnit.SECONDS).status());
    Map<String, Long> counts = runCounts(runs);
    assertEquals(maps, counts.size());
    for (String m : committed) {
      assertEquals(1L, counts.get(m), "map " + m + " was reported before the loss: " + counts);
    }
    assertTrue(counts.values().stream().anyMatch(c -> c == 2), "a lost member ran again " + counts);
    assertTrue(counts.values().stream().allMatch(c -> c <= 2), counts::toString);
    for (int i = 0; i < maps; i++) {
      assertTrue(Files.readString(dir.resolve("out." + i)).startsWith(i + " "), "out." + i);
    }
    assertOneFinishedEach();
  }

  @Test
  void engineKilled_andRestarted_midBundle_finishes() throws Exception {
    int maps = 24;
    Path dir = tmp.resolve("wf");
    Path runs = tmp.resolve("runs.txt");
    writeInput(dir, maps);
    Files.writeString(dir.resolve("Makeflow"), mapReduce(maps, runs, 0.3));
    Process first = RunMain.start(dir, master.address(), tmp.resolve("first.log"));
    try {
      MesosFaultTest.awaitTrue(
          () ->
              master.activeTaskIds(agent0).stream().anyMatch(t -> t.value().contains("-b"))
                  || master.activeTaskIds(agent1).stream().anyMatch(t -> t.value().contains("-b")),
          "a bundle running for the first engine");
    } finally {
      first.descendants().forEach(ProcessHandle::destroyForcibly);
      first.destroyForcibly();
      first.waitFor(10, TimeUnit.SECONDS);
    }
    String id = Files.readString(dir.resolve("Makeflow.mesos")).strip();

    RunOutcome second = run(dir, Files.readString(dir.resolve("Makeflow")), o -> o);

    assertEquals(RunOutcome.Status.COMPLETED, second.status(), () -> "events " + events);
    assertEquals(id, master.subscribedIds().get(1).value(), "failed over to the same framework");
    assertEquals(0, master.activeTasks());
    assertEquals(maps, runCounts(runs).size());
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < maps; i++) {
      String out = Files.readString(dir.resolve("out." + i));
      assertTrue(out.startsWith(i + " "), "out." + i + ": " + out);
      all.append(out);
    }
    assertEquals(all.toString(), Files.readString(dir.resolve("result")));
  }

  /** The Mesos task id each engine task last started in. */
  private Map<TaskId, String> jobIds() {
    Map<TaskId, String> jobs = new HashMap<>();
    for (BackendEvent e : events) {
      if (e instanceof BackendEvent.Started s) {
        jobs.put(s.taskId(), s.jobId());
      }
    }
    return jobs;
  }

  private void assertOneFinishedEach() {
    Map<TaskId, Long> finished =
        events.stream()
            .filter(e -> e instanceof BackendEvent.Finished)
            .collect(
                Collectors.groupingBy(
                    e -> ((BackendEvent.Finished) e).taskId(), Collectors.counting()));
    assertTrue(finished.values().stream().allMatch(n -> n == 1), finished::toString);
  }

  private static void collect(
      BlockingQueue<BackendEvent> seen,
      int until,
      Map<TaskId, BackendEvent.Finished> results,
      Map<TaskId, String> jobs)
      throws InterruptedException {
    while (results.size() < until) {
      BackendEvent e = seen.poll(60, TimeUnit.SECONDS);
      assertNotNull(e, "no event in 60 s; results so far " + results);
      if (e instanceof BackendEvent.Started s) {
        jobs.put(s.taskId(), s.jobId());
      } else {
        BackendEvent.Finished f = assertInstanceOf(BackendEvent.Finished.class, e);
        assertEquals(null, results.put(f.taskId(), f), "a second result for " + f.taskId());
      }
    }
  }

  private static TaskSpec task(Path dir, long id, String command) {
    return new TaskSpec(
        new TaskId(id),
        (int) id,
        command,
        dir,
        List.of(),
        command.contains("> out.") ? List.of(FileRef.of("out." + id)) : List.of(),
        Map.of(),
        Resources.NONE,
        "short",
        null);
  }
}

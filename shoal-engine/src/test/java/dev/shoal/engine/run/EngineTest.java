package dev.shoal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run loop against a scripted back end and a fake clock. */
class EngineTest {
  @TempDir Path dir;
  final RecordingJournal journal = new RecordingJournal();
  final AtomicLong clock = new AtomicLong(1_000_000);
  FakeBackend backend;

  private EngineOptions options(int jobs, RetryPolicy retry, GcPolicy gc) {
    return new EngineOptions(
        jobs,
        jobs,
        retry,
        false,
        Duration.ZERO,
        gc,
        true,
        new LocalLimits(jobs, 1 << 20, 1 << 20),
        false,
        AllocationMode.FIXED);
  }

  private Engine engine(Workflow w, EngineOptions o, Function<TaskSpec, Integer> script)
      throws IOException {
    return engine(w, o, script, Recovery.Plan.fresh());
  }

  private Engine engine(
      Workflow w, EngineOptions o, Function<TaskSpec, Integer> script, Recovery.Plan plan) {
    return new Engine(
        Dag.of(w),
        dir,
        plan,
        o,
        journal,
        sink -> backend = new FakeBackend(sink, script),
        null,
        CommandBuilder.PLAIN,
        List.of(),
        clock::incrementAndGet);
  }

  private Workflow chain() throws IOException {
    Files.writeString(dir.resolve("in"), "x");
    return new Flows()
        .rule("a", "in", "make a")
        .rule("b", "a", "make b")
        .rule("c", "b", "make c")
        .build();
  }

  @Test
  void run_chain_completesInOrderAndLogsBeforeActing() throws IOException {
    RunOutcome out = engine(chain(), options(2, RetryPolicy.DEFAULT, GcPolicy.NONE), t -> 0).run();

    assertEquals(RunOutcome.Status.COMPLETED, out.status());
    assertEquals(3, out.completed());
    assertEquals(List.of(0, 1, 2), backend.submitted.stream().map(TaskSpec::ruleId).toList());
    assertTrue(Files.exists(dir.resolve("c")));
    assertEquals("STARTED", journal.records.get(0));
    assertEquals("COMPLETED", journal.records.get(journal.records.size() - 1));
    assertTrue(journal.records.contains("node 1 COMPLETE"));
    assertTrue(journal.records.contains("file a COMPLETE"), journal.records.toString());
  }

  @Test
  void run_failure_stopsDependantsAndSavesOutputs() throws IOException {
    Workflow w = chain();
    Files.writeString(dir.resolve("a"), "partial");
    RunOutcome out =
        engine(w, options(2, RetryPolicy.DEFAULT, GcPolicy.NONE), t -> t.ruleId() == 0 ? 1 : 0)
            .run();

    assertEquals(RunOutcome.Status.FAILED, out.status());
    assertEquals(1, backend.submitted.size());
    assertEquals(1, out.failed());
    assertFalse(Files.exists(dir.resolve("a")));
    assertEquals("partial", Files.readString(dir.resolve("makeflow.failed.0/a")));
    assertTrue(journal.records.contains("node 0 FAILED"));
    assertEquals("FAILED", journal.records.get(journal.records.size() - 1));
  }

  @Test
  void run_exit101_isRetriedWithoutRetryFlagUpToTheMaximum() throws IOException {
    RunOutcome out =
        engine(chain(), options(1, RetryPolicy.DEFAULT, GcPolicy.NONE), t -> 101).run();

    assertEquals(RunOutcome.Status.FAILED, out.status());
    assertEquals(6, backend.submitted.size(), "1 attempt + 5 retries");
  }

  @Test
  void run_retryCount_retriesThatManyTimesThenSucceeds() throws IOException {
    int[] attempts = {0};
    RunOutcome out =
        engine(
                chain(),
                options(1, new RetryPolicy(true, 2), GcPolicy.NONE),
                t -> t.ruleId() == 1 && attempts[0]++ < 2 ? 3 : 0)
            .run();

    assertEquals(RunOutcome.Status.COMPLETED, out.status());
    assertEquals(5, backend.submitted.size());
  }

  @Test
  void run_withoutRetry_ordinaryFailureIsNotRetried() throws IOException {
    RunOutcome out = engine(chain(), options(1, RetryPolicy.DEFAULT, GcPolicy.NONE), t -> 1).run();

    assertEquals(1, backend.submitted.size());
    assertEquals(RunOutcome.Status.FAILED, out.status());
  }

  @Test
  void run_missingOutput_isAFailureNamingTheFile() throws IOException {
    Files.writeString(dir.resolve("in"), "x");
    Workflow w = new Flows().rule("a b", "in", "make a").build();
    List<String> notes = new java.util.ArrayList<>();
    Engine e =
        new Engine(
            Dag.of(w),
            dir,
            Recovery.Plan.fresh(),
            options(1, RetryPolicy.DEFAULT, GcPolicy.NONE),
            journal,
            sink ->
                backend =
                    new FakeBackend(
                        sink,
                        t -> {
                          try {
                            Files.writeString(dir.resolve("a"), "only a");
                          } catch (IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                          }
                          return 1000;
                        }),
            null,
            CommandBuilder.PLAIN,
            List.of(
                new RunListener() {
                  @Override
                  public void ruleEnded(
                      int rule,
                      dev.shoal.engine.spi.TaskResult result,
                      boolean ok,
                      boolean willRetry,
                      Journal.Counts counts) {
                    notes.add(ok + " " + result.exitCode());
                  }
                }),
            clock::incrementAndGet);

    RunOutcome out = e.run();

    assertEquals(RunOutcome.Status.FAILED, out.status());
    assertEquals(List.of("false 1000"), notes);
  }

  /**
   * Waits until {@code window} tasks are held (the most the limits allow), then releases one and
   * waits for the next, so each dispatch round has ended before the next release.
   */
  private void holdThenRelease(int window, int total) throws InterruptedException {
    for (int i = 0; i < window; i++) {
      assertTrue(backend.heldSignal.poll(10, TimeUnit.SECONDS) != null, "task " + i + " held");
    }
    for (int i = window; i < total; i++) {
      backend.release(0);
      assertTrue(backend.heldSignal.poll(10, TimeUnit.SECONDS) != null, "task " + i + " held");
    }
    for (int i = 0; i < window; i++) {
      backend.release(0);
    }
  }

  @Test
  void run_maxJobs_neverExceeded() throws Exception {
    Flows f = new Flows();
    for (int i = 0; i < 10; i++) {
      f.rule("out" + i, "", "job " + i);
    }
    Engine e = engine(f.build(), options(3, RetryPolicy.DEFAULT, GcPolicy.NONE), t -> null);
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<RunOutcome> run = ex.submit(e::run);
      holdThenRelease(3, 10);
      RunOutcome out = run.get(10, TimeUnit.SECONDS);
      assertEquals(RunOutcome.Status.COMPLETED, out.status());
      assertEquals(3, backend.maxConcurrent);
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void run_localCores_limitRulesByTheirCoreRequest() throws Exception {
    Flows f = new Flows();
    for (int i = 0; i < 4; i++) {
      f.rule("out" + i, "", "job " + i, Resources.NONE.withCores(2), false);
    }
    EngineOptions o =
        new EngineOptions(
            4,
            4,
            RetryPolicy.DEFAULT,
            false,
            Duration.ZERO,
            GcPolicy.NONE,
            true,
            new LocalLimits(4, 1 << 20, 1 << 20),
            false,
            AllocationMode.FIXED);
    Engine e = engine(f.build(), o, t -> null);
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<RunOutcome> run = ex.submit(e::run);
      holdThenRelease(2, 4);
      assertEquals(RunOutcome.Status.COMPLETED, run.get(10, TimeUnit.SECONDS).status());
      assertEquals(2, backend.maxConcurrent, "4 cores / 2 cores per rule");
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void run_ruleLargerThanTheMachine_failsWithARemedy() throws IOException {
    Workflow w = new Flows().rule("a", "", "big", Resources.NONE.withCores(64), false).build();
    RunOutcome out = engine(w, options(2, RetryPolicy.DEFAULT, GcPolicy.NONE), t -> 0).run();

    assertEquals(RunOutcome.Status.FAILED, out.status());
    assertEquals(0, backend.submitted.size());
  }

  @Test
  void run_gcAll_deletesIntermediatesKeepsSourcesOutputsAndProtected() throws IOException {
    Files.writeString(dir.resolve("in"), "x");
    Workflow w =
        new Flows()
            .rule("a", "in", "make a")
            .rule("keep", "in", "make keep")
            .rule("b", "a keep", "make b")
            .gcInputs("keep")
            .build();
    RunOutcome out =
        engine(w, options(1, RetryPolicy.DEFAULT, new GcPolicy(GcPolicy.Mode.ALL, 16, 0)), t -> 0)
            .run();

    assertEquals(RunOutcome.Status.COMPLETED, out.status());
    assertFalse(Files.exists(dir.resolve("a")));
    assertTrue(Files.exists(dir.resolve("keep")));
    assertTrue(Files.exists(dir.resolve("in")));
    assertTrue(Files.exists(dir.resolve("b")));
    assertTrue(journal.records.contains("file a DELETE"));
  }

  @Test
  void run_gcNone_keepsIntermediates() throws IOException {
    engine(chain(), options(1, RetryPolicy.DEFAULT, GcPolicy.NONE), t -> 0).run();

    assertTrue(Files.exists(dir.resolve("a")));
    assertTrue(Files.exists(dir.resolve("b")));
  }

  @Test
  void run_recoveredPlan_runsOnlyWhatIsNotComplete() throws IOException {
    Workflow w = chain();
    Files.writeString(dir.resolve("a"), "old");
    java.util.BitSet done = new java.util.BitSet();
    done.set(0);
    Recovery.Plan plan = new Recovery.Plan(done, List.of(), List.of(), List.of());
    engine(w, options(1, RetryPolicy.DEFAULT, GcPolicy.NONE), t -> 0, plan).run();

    assertEquals(List.of(1, 2), backend.submitted.stream().map(TaskSpec::ruleId).toList());
    assertEquals("old", Files.readString(dir.resolve("a")));
  }

  @Test
  void abort_cancelsRunningTasksAndEndsAborted() throws Exception {
    Flows f = new Flows();
    for (int i = 0; i < 4; i++) {
      f.rule("out" + i, "", "job " + i);
    }
    Engine e = engine(f.build(), options(2, RetryPolicy.DEFAULT, GcPolicy.NONE), t -> null);
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<RunOutcome> run = ex.submit(e::run);
      backend.heldSignal.poll(10, TimeUnit.SECONDS);
      backend.heldSignal.poll(10, TimeUnit.SECONDS);
      e.abort();
      RunOutcome out = run.get(10, TimeUnit.SECONDS);
      assertEquals(RunOutcome.Status.ABORTED, out.status());
      assertEquals(2, backend.cancelled.size());
      assertEquals(2, backend.submitted.size());
      assertEquals("ABORTED", journal.records.get(journal.records.size() - 1));
      assertTrue(journal.records.contains("node 0 ABORTED"));
    } finally {
      ex.shutdownNow();
    }
  }
}

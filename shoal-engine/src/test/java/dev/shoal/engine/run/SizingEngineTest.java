package dev.shoal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.make.MakeflowParser;
import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job sizing driven by the engine: allocations shrink after 25 tasks, outliers retry at max. */
class SizingEngineTest {
  @TempDir Path dir;
  final RecordingJournal journal = new RecordingJournal();
  final AtomicLong clock = new AtomicLong(1);
  FakeBackend backend;

  private Workflow greedy(int maps) throws Exception {
    StringBuilder mf = new StringBuilder(".MAKEFLOW CATEGORY map\nCORES=2\nMEMORY=4000\n\n");
    for (int k = 0; k < maps; k++) {
      mf.append("map.").append(k).append(":\n\tbusy ").append(k).append("\n\n");
    }
    return MakeflowParser.parse(mf.toString(), "Makeflow", Map.of());
  }

  private RunOutcome run(
      Workflow w, AllocationMode mode, java.util.function.Consumer<FakeBackend> setup)
      throws Exception {
    return run(w, mode, 0, setup);
  }

  /**
   * Runs {@code w} on a {@link FakeBackend}: the local back end when {@code maxRemote} is 0, else a
   * remote one given that many slots.
   */
  private RunOutcome run(
      Workflow w,
      AllocationMode mode,
      int maxRemote,
      java.util.function.Consumer<FakeBackend> setup)
      throws Exception {
    java.util.function.Function<dev.shoal.engine.spi.EventSink, dev.shoal.engine.spi.Backend> fake =
        sink -> {
          backend = new FakeBackend(sink, t -> 0);
          setup.accept(backend);
          return backend;
        };
    EngineOptions o =
        new EngineOptions(
            4,
            Math.max(4, maxRemote),
            RetryPolicy.DEFAULT,
            false,
            Duration.ZERO,
            GcPolicy.NONE,
            true,
            new LocalLimits(4, 16000, 1 << 20),
            false,
            mode);
    Engine e =
        new Engine(
            Dag.of(w),
            dir,
            Recovery.Plan.fresh(),
            o,
            journal,
            maxRemote == 0 ? fake : sink -> new FakeBackend(sink, t -> 0),
            maxRemote == 0 ? null : fake,
            CommandBuilder.PLAIN,
            List.of(),
            clock::incrementAndGet);
    return e.run();
  }

  private static final Resources ONE_CORE_300MB = Resources.NONE.withCores(1).withMemoryMb(300);

  @Test
  void minWaste_allocationShrinksAfter25TasksAndIsLogged() throws Exception {
    RunOutcome out =
        run(greedy(60), AllocationMode.MIN_WASTE, b -> b.measured = t -> ONE_CORE_300MB);

    assertEquals(RunOutcome.Status.COMPLETED, out.status());
    List<TaskSpec> s = backend.submitted;
    assertEquals(2, s.get(0).allocation().cores(), "before steady state: the category maximum");
    assertEquals(4000, s.get(0).allocation().memoryMb());
    TaskSpec last = s.get(s.size() - 1);
    assertEquals(1, last.allocation().cores(), "after 25 tasks: what tasks use");
    assertEquals(500, last.allocation().memoryMb(), "300 MB rounded up to 250 MB buckets");
    assertTrue(
        journal.records.stream().anyMatch(r -> r.startsWith("allocation map")),
        journal.records.toString());
  }

  @Test
  void learningCategory_queuesNoMoreAtTheMaximumThanItNeeds() throws Exception {
    // 100 remote slots: without the hold-back all 60 would be submitted at the maximum at once.
    RunOutcome out =
        run(greedy(60), AllocationMode.MIN_WASTE, 100, b -> b.measured = t -> ONE_CORE_300MB);

    assertEquals(RunOutcome.Status.COMPLETED, out.status());
    List<TaskSpec> s = backend.submitted;
    assertEquals(60, s.size());
    long atMax = s.stream().filter(t -> t.allocation().cores() == 2).count();
    assertEquals(25, atMax, "only the 25 tasks the first allocation needs run at the maximum");
    assertTrue(
        s.subList(25, 60).stream().allMatch(t -> t.allocation().cores() == 1),
        "every later task gets the learned allocation");
  }

  @Test
  void fixed_allocationIsTheRequest() throws Exception {
    run(greedy(30), AllocationMode.FIXED, b -> b.measured = t -> ONE_CORE_300MB);

    assertTrue(
        backend.submitted.stream().allMatch(t -> t.allocation().cores() == 2),
        "every task gets what it asked for");
  }

  @Test
  void outlier_exhaustingItsAllocation_isRetriedAtTheMaximumAndSucceeds() throws Exception {
    RunOutcome out =
        run(
            greedy(40),
            AllocationMode.MIN_WASTE,
            b -> {
              b.measured = t -> ONE_CORE_300MB;
              // map.35 needs more than the learned allocation: exhausts it once.
              b.exhausts = t -> t.command().equals("busy 35") && t.allocation().cores() < 2;
            });

    assertEquals(RunOutcome.Status.COMPLETED, out.status());
    List<TaskSpec> attempts =
        backend.submitted.stream().filter(t -> t.command().equals("busy 35")).toList();
    assertEquals(2, attempts.size(), "one exhausted attempt, one at the maximum");
    assertEquals(1, attempts.get(0).allocation().cores());
    assertEquals(2, attempts.get(1).allocation().cores());
    assertEquals(0, out.failed());
  }

  @Test
  void fixed_exhaustion_isAFailure() throws Exception {
    RunOutcome out =
        run(greedy(3), AllocationMode.FIXED, b -> b.exhausts = t -> t.command().equals("busy 1"));

    assertEquals(RunOutcome.Status.FAILED, out.status());
    assertEquals(1, out.failed());
  }
}

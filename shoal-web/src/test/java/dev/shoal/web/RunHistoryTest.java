package dev.shoal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.web.AllocationLine.CategoryAllocation;
import dev.shoal.web.TaskAttempt.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
  static final Path CCTOOLS = Path.of("../shoal-engine/src/test/resources/cctools-logs");
  static final long T0 = 1795540000000000L;

  /**
   * Three rules. Rule 0 (w): 2 cores, 1000 MB for 10 s, used 5 s CPU and 250 MB. Rule 1 (w): no
   * task line, so the category's 1 core, 500 MB then in force, for 4 s, used 4 s CPU and 100 MB.
   * Rule 2 (x): 1 core, 200 MB for 1 s, failed, no summary.
   */
  static final String LOG =
      """
      # FILE 1795540000000000 Makeflow.batchlog 1 0
      # STARTED 1795540000000000
      # ALLOCATION 1795540000000000 w cores=2 memory=1000 disk=100
      # TASK_ALLOCATION 1795540000000000 0 cores=2 memory=1000 disk=100
      1795540000000000 0 1 101 2 1 0 0 0 3
      # ALLOCATION 1795540001000000 w cores=1 memory=500
      1795540002000000 1 1 102 1 2 0 0 0 3
      1795540006000000 1 2 102 1 1 1 0 0 3
      1795540010000000 0 2 101 1 0 2 0 0 3
      # TASK_ALLOCATION 1795540010000000 2 cores=1 memory=200
      1795540010000000 2 1 103 0 1 2 0 0 3
      # ALLOCATION 1795540010500000 w cores=lots
      1795540011000000 2 3 103 0 0 2 1 0 3
      # COMPLETED 1795540011000000
      """;

  static final Map<Integer, String> CATEGORIES = Map.of(0, "w", 1, "w", 2, "x");

  /** The synthetic run above, with its summaries written to {@code dir/mon}. */
  static RunHistory synthetic(Path dir) throws IOException {
    Path log = dir.resolve("Makeflow.makeflowlog");
    Files.writeString(log, LOG);
    Path mon = Files.createDirectories(dir.resolve("mon"));
    Files.writeString(
        mon.resolve("resource-rule-000000.summary"),
        "{\"wall_time\": [10, \"s\"], \"cpu_time\": [5, \"s\"], \"memory\": [250, \"MB\"],"
            + " \"cores\": [0.9, \"cores\"], \"disk\": [20, \"MB\"], \"exit_type\": \"normal\"}");
    Files.writeString(
        mon.resolve("resource-rule-000001.summary"),
        "{\"wall_time\": [4, \"s\"], \"cpu_time\": [4, \"s\"], \"memory\": [100, \"MB\"],"
            + " \"cores\": [1.2, \"cores\"], \"disk\": [30, \"MB\"], \"exit_type\": \"normal\"}");
    return RunHistory.read(log, "tiny", CATEGORIES, mon);
  }

  @Test
  void read_syntheticRun_usedAndAllocatedMatchHandArithmetic(@TempDir Path dir) throws IOException {
    RunHistory h = synthetic(dir);
    CategoryStats w = h.categories().getFirst();
    assertEquals("w", w.name());
    // allocated: 2 cores × 10 s + 1 core × 4 s; used: 5 + 4 s of CPU
    assertEquals(24, w.allocatedCoreSeconds(), 1e-9);
    assertEquals(9, w.usedCoreSeconds(), 1e-9);
    assertEquals(0.375, w.cpuUsage(), 1e-12);
    // allocated: 1000 MB × 10 s + 500 MB × 4 s; used: 250 MB × 10 s + 100 MB × 4 s
    assertEquals(12000, w.allocatedMemoryMbSeconds(), 1e-9);
    assertEquals(2900, w.usedMemoryMbSeconds(), 1e-9);
    assertEquals(2900.0 / 12000, w.memoryUsage(), 1e-12);
    assertEquals(new Stat(2, 7, 10), w.wallTime());
    assertEquals(new Stat(2, 175, 250), w.memory());
    assertEquals(1.2, w.cores().peak());
    // x ran without a summary: counted as an attempt, left out of used / allocated
    CategoryStats x = h.categories().get(1);
    assertEquals(1, x.failed());
    assertEquals(0, x.measuredAttempts());
    assertTrue(Double.isNaN(x.cpuUsage()));
    assertEquals(24, h.total().allocatedCoreSeconds(), 1e-9);
    assertEquals(2, h.total().measuredAttempts());
    assertEquals(3, h.total().attempts());
  }

  @Test
  void read_syntheticRun_attemptsCarryTheirAllocation(@TempDir Path dir) throws IOException {
    RunHistory h = synthetic(dir);
    assertEquals(11, h.durationSeconds(), 1e-9);
    assertEquals(3, h.rules());
    assertEquals(2, h.rulesComplete());
    assertEquals(1, h.rulesFailed());
    List<TaskAttempt> a = h.attempts();
    assertEquals(List.of(0, 1, 2), a.stream().map(TaskAttempt::ruleId).toList());
    assertEquals(new Allocation(2, 1000, 100, Double.NaN), a.get(0).allocation());
    assertEquals(new Allocation(1, 500, Double.NaN, Double.NaN), a.get(1).allocation());
    assertEquals(Outcome.FAILED, a.get(2).outcome());
    assertEquals(1.0, a.get(2).wallSeconds(), 1e-9);
    assertEquals(1.0, a.get(1).coresInUse(), 1e-9);
    // w has its # ALLOCATION lines; x has none, so what its task was given stands in
    assertEquals(
        List.of(T0, T0 + 1_000_000),
        h.categories().get(0).allocations().stream()
            .map(CategoryAllocation::timestampMicros)
            .toList());
    assertEquals(
        new Allocation(1, 200, Double.NaN, Double.NaN), h.categories().get(1).lastAllocation());
    assertEquals(1, h.warnings().size(), h.warnings().toString());
    assertTrue(h.warnings().getFirst().contains("cores=lots"), h.warnings().toString());
  }

  @Test
  void read_cctoolsRetriedAndRerun_countsEveryAttempt() throws IOException {
    // rule 1 failed 6 times (5 retries), the rerun reset it and it then completed
    RunHistory h =
        RunHistory.read(CCTOOLS.resolve("fail-rerun.makeflowlog"), "fail-rerun", Map.of(), null);
    assertEquals(2, h.runs());
    assertEquals(3, h.rules());
    assertEquals(3, h.rulesComplete());
    assertEquals(0, h.rulesFailed());
    CategoryStats d = h.categories().getFirst();
    assertEquals("default", d.name());
    assertEquals(9, d.attempts());
    assertEquals(6, d.failed());
    assertEquals(3, d.completed());
    List<TaskAttempt> rule1 = h.attempts().stream().filter(a -> a.ruleId() == 1).toList();
    assertEquals(7, rule1.getLast().attempt());
    assertEquals(20813, rule1.getLast().jobId());
    assertTrue(Double.isNaN(h.total().cpuUsage()));
    assertTrue(h.warnings().isEmpty());
  }

  @Test
  void read_cctoolsKilledAndRestarted_marksTheKilledAttemptInterrupted() throws IOException {
    RunHistory h =
        RunHistory.read(CCTOOLS.resolve("kill-restarted.makeflowlog"), "kill", Map.of(), null);
    List<TaskAttempt> rule1 = h.attempts().stream().filter(a -> a.ruleId() == 1).toList();
    assertEquals(2, rule1.size());
    assertEquals(Outcome.INTERRUPTED, rule1.getFirst().outcome());
    assertEquals(Outcome.COMPLETE, rule1.getLast().outcome());
    // the restart's recovery lines are not the killed task's time: it is known up to its start
    assertEquals(rule1.getFirst().startMicros(), rule1.getFirst().endMicros());
    assertEquals(2, h.runs());
  }

  @Test
  void read_cctoolsKilled_leavesTheTaskRunning() throws IOException {
    RunHistory h =
        RunHistory.read(CCTOOLS.resolve("kill-killed.makeflowlog"), "kill", Map.of(), null);
    assertEquals(Outcome.RUNNING, h.attempts().getLast().outcome());
    assertEquals(h.endMicros(), h.attempts().getLast().endMicros());
  }

  @Test
  void read_shoalLog_groupsByTheWorkflowsCategories() throws IOException {
    Map<Integer, String> cats = new java.util.HashMap<>();
    for (int i = 1; i <= 8; i++) {
      cats.put(i, "align");
    }
    cats.put(0, "default");
    cats.put(9, "combine");
    RunHistory h =
        RunHistory.read(Path.of("src/test/resources/shoal-align.makeflowlog"), "align", cats, null);
    assertEquals(
        List.of("align", "combine", "default"),
        h.categories().stream().map(CategoryStats::name).toList());
    assertEquals(8, h.categories().getFirst().completed());
    assertEquals(10, h.rulesComplete());
    assertEquals(10, h.rules());
    assertTrue(h.attempts().stream().allMatch(a -> a.allocation().isUnknown()));
    assertTrue(!h.hasAllocations() && !h.hasUsage());
  }

  @Test
  void read_missingSummaryDirectory_isAWarning(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("l");
    Files.writeString(log, "1 0 1 5\n2 0 2 5\n");
    RunHistory h = RunHistory.read(log, "l", Map.of(), dir.resolve("nope"));
    assertEquals(1, h.attempts().size());
    assertTrue(h.warnings().getFirst().contains("nope"), h.warnings().toString());
  }

  @Test
  void read_summaryOfARuleThatNeverRan_isAWarning(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("l");
    Files.writeString(log, "1 0 1 5\n2 0 2 5\n");
    Files.writeString(dir.resolve("resource-rule-000007.summary"), "{}");
    RunHistory h = RunHistory.read(log, "l", Map.of(), dir);
    assertTrue(h.warnings().getFirst().contains("rule 7"), h.warnings().toString());
  }
}

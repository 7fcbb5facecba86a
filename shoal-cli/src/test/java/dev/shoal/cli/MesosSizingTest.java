package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.LogRecord;
import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.backend.LauncherJar;
import dev.shoal.mesos.factory.LaunchLog;
import dev.shoal.mesos.fake.FakeMesosMaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 6: the resource monitor's job sizing drives what {@code -T mesos} asks of offers,
 * and offers are packed with as many tasks as fit. A greedy category (CORES=4 MEMORY=5000) on
 * agents of 4 cpus runs one task per agent until the first allocation is computed from the
 * launcher's measured peaks; then each LAUNCH asks 1 cpu and 250 MB and agents run several at once.
 */
class MesosSizingTest {
  static final int TASKS = 40;

  @TempDir Path tmp;

  @Test
  void greedyCategory_withSizing_asksLessAfterTheFirstAllocation_andPacksAgents() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("wf"));
    StringBuilder mf = new StringBuilder(".MAKEFLOW CATEGORY greedy\nCORES=4\nMEMORY=5000\n\n");
    for (int k = 0; k < TASKS; k++) {
      mf.append("out.").append(k).append(":\n\techo ").append(k).append(" > out.").append(k);
      mf.append("\n\n");
    }
    Files.writeString(dir.resolve("Makeflow"), mf);
    LaunchLog launches = new LaunchLog();
    Cli.Result r;
    AgentId a0;
    AgentId a1;
    try (FakeMesosMaster master = LaunchLog.start(launches, tmp.resolve("agents"))) {
      a0 = master.addAgent(4, 8192, 20000);
      a1 = master.addAgent(4, 8192, 20000);
      r =
          Cli.makeflow(
              dir,
              "-T",
              "mesos",
              "--mesos-master=" + master.address(),
              "--mesos-launcher-jar=" + LauncherJar.get(),
              "--mesos-java=" + LauncherJar.java(),
              "--mesos-file-host=127.0.0.1",
              "--mesos-executor=command", // a 4-cpu task leaves no room for an executor of its own
              "--allocation=waste",
              // No -J: while the category learns, the engine submits no more tasks at the
              // maximum than the successes it still needs; the rest wait for the allocation.
              "--no-progress");
      assertEquals(List.of(), master.protocolErrors());
    }
    assertEquals(0, r.exit(), r.out() + r.err());
    for (int k = 0; k < TASKS; k++) {
      assertEquals(k + "\n", Files.readString(dir.resolve("out." + k)));
    }
    List<String> allocations = new ArrayList<>();
    LogReader.read(
        dir.resolve("Makeflow.makeflowlog"),
        rec -> {
          if (rec instanceof LogRecord.Other o && o.line().startsWith("# ALLOCATION ")) {
            allocations.add(o.line());
          }
        });
    assertEquals(1, allocations.size(), allocations.toString());
    assertTrue(allocations.get(0).contains("greedy cores=1 memory=250"), allocations.get(0));

    List<LaunchLog.Launch> all = launches.launches();
    assertEquals(TASKS, all.size(), "each task launched once: " + all);
    List<LaunchLog.Launch> greedy = all.stream().filter(l -> l.cpus() == 4).toList();
    List<LaunchLog.Launch> sized = all.stream().filter(l -> l.cpus() == 1).toList();
    assertEquals(TASKS, greedy.size() + sized.size(), all.toString());
    assertEquals(25, greedy.size(), "exactly the first 25 successes run at the maximum");
    assertTrue(greedy.stream().allMatch(l -> l.memMb() == 5000), greedy.toString());
    assertTrue(sized.stream().allMatch(l -> l.memMb() == 250), sized.toString());
    assertTrue(!sized.isEmpty(), "no LAUNCH asked less after the first allocation");
    long lastGreedy = greedy.stream().mapToLong(LaunchLog.Launch::nanos).max().orElseThrow();
    assertTrue(
        sized.stream().allMatch(l -> l.nanos() >= lastGreedy), "sized launches follow greedy ones");
    int peak = Math.max(launches.peakOn(a0), launches.peakOn(a1));
    assertTrue(peak >= 2, "after sizing, more than one task at once on an agent; peak " + peak);
    System.out.println(
        "mesos sizing: "
            + greedy.size()
            + " launches of 4 cpus/5000 MB, then "
            + sized.size()
            + " of 1 cpu/250 MB; most tasks at once on an agent "
            + peak);
  }
}

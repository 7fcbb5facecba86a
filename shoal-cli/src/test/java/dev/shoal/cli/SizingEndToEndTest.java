package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.LogRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job sizing with real processes and the real monitor: a greedy category shrinks after 25 tasks,
 * and a task that needs more than the learned allocation is stopped and retried at the maximum.
 */
class SizingEndToEndTest {
  @TempDir Path dir;

  @Test
  void run_greedyCategory_shrinksAfter25AndRetriesTheOutlierAtTheMaximum() throws Exception {
    StringBuilder mf = new StringBuilder(".MAKEFLOW CATEGORY map\nCORES=2\nMEMORY=2000\n\n");
    StringBuilder all = new StringBuilder();
    for (int k = 0; k < 30; k++) {
      mf.append("map.").append(k).append(":\n\techo ").append(k).append(" > map.").append(k);
      mf.append("\n\n");
      all.append(" map.").append(k);
    }
    // Runs after the 30 small tasks, so with the learned allocation (250 MB); needs 600 MB.
    mf.append("big.txt:")
        .append(all)
        .append("\n\tpython3 -c 'import time; b = bytearray(600 << 20); time.sleep(1)'")
        .append(" && echo big > big.txt\n");
    Files.writeString(dir.resolve("Makeflow"), mf);

    Cli.Result r =
        Cli.makeflow(
            dir, "--monitor=mon", "--monitor-interval=0.05", "--allocation=waste", "--no-progress");

    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals("big\n", Files.readString(dir.resolve("big.txt")));
    List<String> allocations = new ArrayList<>();
    List<Integer> bigStates = new ArrayList<>();
    LogReader.read(
        dir.resolve("Makeflow.makeflowlog"),
        rec -> {
          if (rec instanceof LogRecord.Other o && o.line().startsWith("# ALLOCATION ")) {
            allocations.add(o.line());
          }
          if (rec instanceof LogRecord.NodeState n && n.nodeId() == 30) {
            bigStates.add(n.status().code());
          }
        });
    assertEquals(1, allocations.size(), allocations.toString());
    assertTrue(allocations.get(0).endsWith("map cores=1 memory=250 disk=250"), allocations.get(0));
    assertEquals(List.of(1, 0, 1, 2), bigStates, "ran, exhausted and waited, ran again, done");
    assertTrue(r.err().contains("exceeded its allocation: memory"), r.err());
    assertTrue(r.out().contains("settled cores used/allocated"), r.out());
    assertTrue(Files.exists(dir.resolve("mon/resource-rule-000030.summary")));
  }
}

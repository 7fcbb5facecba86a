package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.LogRecord;
import dev.shoal.engine.log.NodeStatus;
import dev.shoal.engine.log.ReplayedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the engine (a JVM of its own, and every task it started) with SIGKILL at random points of a
 * 500-rule workflow, restarts it each time, and checks that the finished run made every output
 * right and never ran again a rule that the log called complete before a kill.
 *
 * <p>The workflow: 10 chains of 40 rules, 80 independent rules, 10 fan-ins (a chain's end and 8
 * independents each) and 10 rules joining two fan-ins each. Every command appends its rule number
 * to {@code runs.log}, writes {@code out.K} as its inputs' contents followed by {@code K}, and then
 * prints {@code ran K}: the kill points count those lines on the engine's standard output.
 */
class CrashRecoveryTest {
  private static final int CHAINS = 10;
  private static final int CHAIN_LENGTH = 40;
  private static final int INDEPENDENT = 80;
  private static final int FIRST_INDEPENDENT = CHAINS * CHAIN_LENGTH;
  private static final int FIRST_FAN_IN = FIRST_INDEPENDENT + INDEPENDENT;
  private static final int FIRST_JOIN = FIRST_FAN_IN + CHAINS;
  private static final int RULES = FIRST_JOIN + CHAINS;
  private static final int KILLS = 22;
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void run_killedAtRandomPoints_finishesWithRightOutputsAndNoCompletedRuleRerun() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("flow"));
    Path errors = tmp.resolve("engine.stderr");
    List<List<String>> inputs = inputs();
    writeWorkflow(dir, inputs);
    Random random = new Random(20261117L);
    List<Kill> kills = new ArrayList<>();
    int attempt = 0;
    while (true) {
      attempt++;
      // Below 500 in total, so that the kills come before the end: 0..24 rules per run, where 0
      // kills the engine as soon as it is started (while it starts, reads the log, recovers).
      int threshold = kills.size() < KILLS ? random.nextInt(25) : Integer.MAX_VALUE;
      Process engine = Processes.startShoal(dir, errors, "-j", "4", "--no-progress");
      try {
        Processes.Lines out = new Processes.Lines(engine.getInputStream());
        boolean reached =
            threshold == 0 || out.await(l -> l.startsWith("ran "), threshold, PATIENCE);
        if (!reached) {
          int code = waitFor(engine);
          assertEquals(0, code, "run " + attempt + " failed:\n" + Files.readString(errors));
          assertTrue(kills.size() >= KILLS, "the run completed after only " + kills.size());
          break;
        }
        Processes.killTree(engine.toHandle());
        Path logFile = dir.resolve("Makeflow.makeflowlog");
        BitSet complete =
            Files.exists(logFile) ? complete(LogReader.replay(logFile)) : new BitSet();
        kills.add(new Kill(lines(dir.resolve("runs.log")).size(), complete));
      } finally {
        Processes.killTree(engine.toHandle());
      }
      assertTrue(attempt < KILLS + 10, "too many restarts: " + attempt);
    }

    Map<Integer, String> expected = expectedOutputs(inputs);
    for (var e : expected.entrySet()) {
      Path out = dir.resolve("out." + e.getKey());
      assertTrue(Files.exists(out), out + " missing");
      assertEquals(e.getValue(), Files.readString(out), out + " is wrong");
    }
    List<String> runs = lines(dir.resolve("runs.log"));
    BitSet before = new BitSet();
    for (int k = 0; k < kills.size(); k++) {
      Kill kill = kills.get(k);
      BitSet lost = (BitSet) before.clone();
      lost.andNot(kill.complete());
      assertTrue(lost.isEmpty(), "rules " + lost + " were complete before kill " + k + " only");
      before = kill.complete();
      for (int i = kill.runsLines(); i < runs.size(); i++) {
        int rule = Integer.parseInt(runs.get(i).trim());
        if (kill.complete().get(rule)) {
          fail("rule " + rule + " was logged complete before kill " + k + " but ran again");
        }
      }
    }
    ReplayedLog log = LogReader.replay(dir.resolve("Makeflow.makeflowlog"));
    assertEquals(List.of(), log.warnings());
    assertEquals(RULES, complete(log).cardinality(), "rules logged complete at the end");
    assertEquals(LogRecord.Marker.Kind.COMPLETED, log.lastMarker(), "the log's last marker");

    // A run after the end has nothing to do.
    Process again = Processes.startShoal(dir, errors, "--no-progress");
    try {
      List<String> out = new Processes.Lines(again.getInputStream()).all(PATIENCE);
      assertEquals(0, waitFor(again), Files.readString(errors));
      assertEquals(runs, lines(dir.resolve("runs.log")), "a rule ran after the end");
      assertTrue(String.join("\n", out).contains("nothing left to do"), "summary: " + out);
    } finally {
      Processes.killTree(again.toHandle());
    }
  }

  /** What the test saw at one kill: lines of runs.log, rules the log called complete. */
  private record Kill(int runsLines, BitSet complete) {}

  private static BitSet complete(ReplayedLog log) {
    BitSet done = new BitSet(RULES);
    log.nodes()
        .forEach(
            (id, n) -> {
              if (n.status() == NodeStatus.COMPLETE) {
                done.set(id);
              }
            });
    return done;
  }

  /** The files each rule reads, in rule order. */
  private static List<List<String>> inputs() {
    List<List<String>> in = new ArrayList<>();
    for (int c = 0; c < CHAINS; c++) {
      for (int p = 0; p < CHAIN_LENGTH; p++) {
        int k = c * CHAIN_LENGTH + p;
        in.add(List.of(p == 0 ? "src." + c : "out." + (k - 1)));
      }
    }
    for (int i = 0; i < INDEPENDENT; i++) {
      in.add(List.of());
    }
    int perFanIn = INDEPENDENT / CHAINS;
    for (int j = 0; j < CHAINS; j++) {
      List<String> files = new ArrayList<>();
      files.add("out." + (j * CHAIN_LENGTH + CHAIN_LENGTH - 1));
      for (int i = 0; i < perFanIn; i++) {
        files.add("out." + (FIRST_INDEPENDENT + j * perFanIn + i));
      }
      in.add(files);
    }
    for (int j = 0; j < CHAINS; j++) {
      in.add(List.of("out." + (FIRST_FAN_IN + j), "out." + (FIRST_FAN_IN + (j + 1) % CHAINS)));
    }
    return in;
  }

  private static void writeWorkflow(Path dir, List<List<String>> inputs) throws IOException {
    for (int c = 0; c < CHAINS; c++) {
      Files.writeString(dir.resolve("src." + c), "seed " + c + "\n");
    }
    StringBuilder mf = new StringBuilder();
    for (int k = 0; k < RULES; k++) {
      List<String> in = inputs.get(k);
      mf.append("out.").append(k).append(':');
      in.forEach(f -> mf.append(' ').append(f));
      mf.append("\n\techo ").append(k).append(" >> runs.log && ");
      if (in.isEmpty()) {
        mf.append(": > out.").append(k);
      } else {
        mf.append("cat ").append(String.join(" ", in)).append(" > out.").append(k);
      }
      mf.append(" && echo ").append(k).append(" >> out.").append(k);
      mf.append(" && echo ran ").append(k).append('\n');
    }
    Files.writeString(dir.resolve("Makeflow"), mf);
  }

  private static Map<Integer, String> expectedOutputs(List<List<String>> inputs) {
    Map<String, String> content = new java.util.HashMap<>();
    for (int c = 0; c < CHAINS; c++) {
      content.put("src." + c, "seed " + c + "\n");
    }
    Map<Integer, String> out = new java.util.TreeMap<>();
    for (int k = 0; k < RULES; k++) {
      StringBuilder s = new StringBuilder();
      inputs.get(k).forEach(f -> s.append(content.get(f)));
      s.append(k).append('\n');
      content.put("out." + k, s.toString());
      out.put(k, s.toString());
    }
    return out;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static int waitFor(Process p) throws InterruptedException {
    if (!p.waitFor(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
      fail("the engine did not end within " + PATIENCE);
    }
    return p.exitValue();
  }
}

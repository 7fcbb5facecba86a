package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.NodeStatus;
import dev.shoal.engine.log.ReplayedLog;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workflow's transaction log passes between Shoal and cctools' makeflow in both directions: what
 * one finished the other does not run again, and what one left half done (killed, or with a failed
 * rule) the other finishes. Runs Debian's {@code /usr/bin/makeflow}; skipped without it unless
 * {@code SHOAL_REQUIRE_CCTOOLS=1}.
 *
 * <p>The workflow: a chain {@code a → b → d}, a fan-in {@code d ← b, c}, and independent {@code e},
 * {@code f}. Every command appends its rule's name to {@code runs.log} and writes its output as its
 * inputs' contents followed by its name.
 */
class CctoolsLogInteropTest {
  private static final Path CCTOOLS = Path.of("/usr/bin/makeflow");
  private static final List<String> RULES = List.of("a", "b", "c", "d", "e", "f");
  private static final long PATIENCE_SECONDS = 60;

  @TempDir Path dir;

  @BeforeAll
  static void needCctools() {
    if ("1".equals(System.getenv("SHOAL_REQUIRE_CCTOOLS"))) {
      assertTrue(
          Files.isExecutable(CCTOOLS),
          CCTOOLS
              + " is missing and SHOAL_REQUIRE_CCTOOLS=1: apt-get install coop-computing-tools");
    } else {
      Assumptions.assumeTrue(Files.isExecutable(CCTOOLS), CCTOOLS + " is not installed");
    }
  }

  @Test
  void cctools_afterShoalRun_findsNothingToDo() throws Exception {
    writeWorkflow("");
    Cli.Result shoal = Cli.makeflow(dir, "--no-progress");
    assertEquals(0, shoal.exit(), shoal.err());
    List<String> runs = runs();
    assertEquals(RULES.size(), runs.size(), "rules run by Shoal: " + runs);

    String out = cctools();
    assertEquals(runs, runs(), "cctools ran rules again:\n" + out);
    assertTrue(out.contains("nothing left to do"), out);
    assertOutputsRight();
  }

  @Test
  void shoal_afterCctoolsRun_findsNothingToDo() throws Exception {
    writeWorkflow("");
    String out = cctools();
    List<String> runs = runs();
    assertEquals(RULES.size(), runs.size(), "rules run by cctools: " + runs + "\n" + out);

    Cli.Result shoal = Cli.makeflow(dir, "--no-progress");
    assertEquals(0, shoal.exit(), shoal.err());
    assertEquals(runs, runs(), "Shoal ran rules again:\n" + shoal.out());
    assertTrue(shoal.out().contains("nothing left to do"), shoal.out());
    assertOutputsRight();
  }

  @Test
  void shoal_afterCctoolsKilledMidway_finishesWithoutRerunningCompleteRules() throws Exception {
    // Rule b blocks reading the FIFO "gate" until the test has killed cctools; Shoal then finds a
    // regular file there.
    writeWorkflow("cat gate > /dev/null &&");
    Path gate = dir.resolve("gate");
    assertEquals(0, new ProcessBuilder("mkfifo", gate.toString()).start().waitFor());
    Process cctools = startCctools();
    OutputStream writer = null;
    try {
      writer = openWhenRead(gate);
      Processes.killTree(cctools.toHandle());
    } finally {
      Processes.killTree(cctools.toHandle());
      if (writer != null) {
        writer.close();
      }
    }
    ReplayedLog log = LogReader.replay(dir.resolve("Makeflow.makeflowlog"));
    List<String> complete = new ArrayList<>();
    log.nodes()
        .forEach(
            (id, n) -> {
              if (n.status() == NodeStatus.COMPLETE) {
                complete.add(RULES.get(id));
              }
            });
    assertTrue(complete.contains("a"), "b ran, so a was complete: " + complete);
    assertFalse(complete.contains("b"), "b was blocked: " + complete);
    int runsAtKill = runs().size();
    Files.delete(gate);
    Files.writeString(gate, "open\n");

    Cli.Result shoal = Cli.makeflow(dir, "--no-progress");
    assertEquals(0, shoal.exit(), shoal.out() + shoal.err());
    List<String> after = runs().subList(runsAtKill, runs().size());
    for (String rule : complete) {
      assertFalse(after.contains(rule), rule + " was complete in cctools' log but ran: " + after);
    }
    assertTrue(after.contains("b"), "b ran again: " + after);
    assertOutputsRight();
  }

  @Test
  void cctools_afterShoalRunWithFailedRule_finishesIt() throws Exception {
    // Rule b fails until the file "fixed" exists.
    writeWorkflow("test -e fixed &&");
    Cli.Result shoal = Cli.makeflow(dir, "--no-progress");
    assertEquals(1, shoal.exit(), shoal.out() + shoal.err());
    assertFalse(Files.exists(dir.resolve("d.txt")));
    assertTrue(runs().contains("b"));
    int runsBefore = runs().size();
    Files.writeString(dir.resolve("fixed"), "");

    String out = cctools();
    List<String> after = runs().subList(runsBefore, runs().size());
    assertTrue(after.contains("b") && after.contains("d"), "cctools ran " + after + "\n" + out);
    assertFalse(after.contains("a"), "a was complete but cctools ran it:\n" + out);
    assertOutputsRight();
    ReplayedLog log = LogReader.replay(dir.resolve("Makeflow.makeflowlog"));
    for (int r = 0; r < RULES.size(); r++) {
      assertEquals(NodeStatus.COMPLETE, log.nodes().get(r).status(), "node " + r);
    }
  }

  /**
   * Writes the workflow; {@code gateOfB} is shell put at the start of rule b's command (after it
   * appends to runs.log).
   */
  private void writeWorkflow(String gateOfB) throws IOException {
    Files.writeString(dir.resolve("src"), "seed\n");
    StringBuilder mf = new StringBuilder();
    for (String r : RULES) {
      List<String> in = inputs(r);
      mf.append(r).append(".txt: ").append(String.join(" ", in)).append("\n\t");
      mf.append("echo ").append(r).append(" >> runs.log && ");
      if (r.equals("b")) {
        mf.append(gateOfB).append(' ');
      }
      mf.append("cat ").append(String.join(" ", in)).append(" > ").append(r).append(".txt && ");
      mf.append("echo ").append(r).append(" >> ").append(r).append(".txt\n\n");
    }
    Files.writeString(dir.resolve("Makeflow"), mf);
  }

  private static List<String> inputs(String rule) {
    return switch (rule) {
      case "b" -> List.of("a.txt");
      case "d" -> List.of("b.txt", "c.txt");
      default -> List.of("src");
    };
  }

  private String expected(String rule) {
    StringBuilder s = new StringBuilder();
    for (String f : inputs(rule)) {
      s.append(f.equals("src") ? "seed\n" : expected(f.substring(0, f.indexOf('.'))));
    }
    return s.append(rule).append('\n').toString();
  }

  private void assertOutputsRight() throws IOException {
    for (String r : RULES) {
      Path out = dir.resolve(r + ".txt");
      assertTrue(Files.exists(out), out + " missing");
      assertEquals(expected(r), Files.readString(out), out.toString());
    }
  }

  private List<String> runs() throws IOException {
    Path f = dir.resolve("runs.log");
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

  private Process startCctools() throws IOException {
    return new ProcessBuilder(CCTOOLS.toString(), "-T", "local", "-j", "2", "Makeflow")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("cctools.out").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  /** Runs cctools to its end; returns what it printed. Fails unless it exits 0. */
  private String cctools() throws Exception {
    Process p = startCctools();
    try {
      if (!p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
        fail("cctools makeflow did not end within " + PATIENCE_SECONDS + " s");
      }
      String out = Files.readString(dir.resolve("cctools.out"));
      assertEquals(0, p.exitValue(), out);
      return out;
    } finally {
      Processes.killTree(p.toHandle());
    }
  }

  /** Opens the FIFO for writing, which returns once a reader (rule b) has opened it. */
  private static OutputStream openWhenRead(Path fifo) throws Exception {
    CompletableFuture<OutputStream> open =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.newOutputStream(fifo);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try {
      return open.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // Release the opening thread with a reader of our own, then fail.
      InputStream unblock = new FileInputStream(fifo.toFile());
      try {
        open.get(PATIENCE_SECONDS, TimeUnit.SECONDS).close();
      } finally {
        unblock.close();
      }
      throw new AssertionError(
          "rule b never opened " + fifo + " within " + PATIENCE_SECONDS + " s");
    }
  }
}

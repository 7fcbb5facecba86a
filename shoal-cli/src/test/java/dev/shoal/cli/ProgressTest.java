package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.run.Journal;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.lang.make.MakeflowParser;
import dev.shoal.lang.model.Resources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress output with a fake clock: when lines appear and what they say. */
class ProgressTest {
  private final AtomicLong clock = new AtomicLong(0);
  private final StringWriter text = new StringWriter();

  private Progress progress(boolean live) throws Exception {
    Dag dag =
        Dag.of(MakeflowParser.parse("a:\n\ttouch a\n\nb: a\n\ttouch b\n", "Makeflow", Map.of()));
    return new Progress(dag, new PrintWriter(text, true), live, clock::get);
  }

  private static TaskResult exit(int code) {
    return new TaskResult(TaskResult.Outcome.EXITED, code, 0, 0, 0, Resources.NONE, null);
  }

  @Test
  void plain_printsAtMostEveryTenSeconds() throws Exception {
    Progress p = progress(false);
    clock.set(1_000_000);
    p.ruleStarted(0, new Journal.Counts(1, 1, 0, 0, 0, 2));
    assertEquals("", text.toString(), "nothing before 10 s");

    clock.set(10_000_000);
    p.ruleEnded(0, exit(0), true, false, new Journal.Counts(1, 0, 1, 0, 0, 2));

    assertEquals(
        "1/2 done, 0 running, 1 waiting, 0 failed — 0.1 rules/s, ETA 10s" + System.lineSeparator(),
        text.toString());
  }

  @Test
  void failure_isAlwaysPrintedWithFileLineAndReason() throws Exception {
    Progress p = progress(false);
    p.ruleEnded(1, exit(3), false, true, new Journal.Counts(1, 0, 0, 0, 0, 2));

    assertEquals(
        "Makeflow:4: rule 1 failed with exit code 3 — retrying" + System.lineSeparator(),
        text.toString());
  }

  @Test
  void live_redrawsOneLineAndClearsItAtTheEnd() throws Exception {
    Progress p = progress(true);
    clock.set(200_000);
    p.ruleStarted(0, new Journal.Counts(1, 1, 0, 0, 0, 2));
    p.finished(null);

    String s = text.toString();
    assertTrue(s.startsWith("\r\033[K0/2 done, 1 running"), s);
    assertTrue(s.endsWith("\r\033[K"), s);
  }

  @Test
  void formatDuration_picksUnits() {
    assertEquals("59s", Progress.formatDuration(59));
    assertEquals("2m05s", Progress.formatDuration(125));
    assertEquals("1h01m", Progress.formatDuration(3660));
  }
}

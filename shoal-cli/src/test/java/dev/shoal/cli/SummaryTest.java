package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.engine.run.RunOutcome;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The closing line of a run: its numbers read as String.format would write them. */
class SummaryTest {
  @Test
  void text_completedRun_givesTimeAndRate() {
    RunOutcome o = new RunOutcome(RunOutcome.Status.COMPLETED, 1000, 1000, 1000, 0, 456_700);

    assertEquals(
        "Makeflow: workflow completed — 1000 of 1000 rules complete, 1000 ran in this run,"
            + " 0 failed, 0.46 s (2190 rules/s)",
        Summary.text("Makeflow", o));
  }

  @Test
  void text_nothingRan_givesNoRate() {
    RunOutcome o = new RunOutcome(RunOutcome.Status.COMPLETED, 3, 3, 0, 0, 1_005_000);

    assertEquals(
        "wf: nothing left to do — 3 of 3 rules complete, 0 ran in this run, 0 failed, 1.01 s",
        Summary.text("wf", o));
  }

  @Test
  void text_anyTime_matchesFormatOfTheSeconds() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      long micros = i < 1_000 ? i * 5_000L : random.nextLong(10_000_000_000L);
      RunOutcome o = new RunOutcome(RunOutcome.Status.FAILED, 10, 9, 7, 1, micros);
      double secs = micros / 1e6;
      String expected =
          String.format(
              Locale.ROOT,
              "wf: workflow failed — 9 of 10 rules complete, 7 ran in this run, 1 failed, %.2f s%s",
              secs,
              micros > 0 ? String.format(Locale.ROOT, " (%.0f rules/s)", 7 / secs) : "");

      assertEquals(expected, Summary.text("wf", o), "micros " + micros);
    }
  }
}

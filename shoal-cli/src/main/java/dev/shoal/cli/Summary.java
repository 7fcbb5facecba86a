package dev.shoal.cli;

import dev.shoal.engine.run.RunOutcome;
import java.util.Locale;

/** The closing lines of a run. */
final class Summary {
  private Summary() {}

  static String text(String workflow, RunOutcome o) {
    double secs = o.elapsedMicros() / 1e6;
    String verdict =
        switch (o.status()) {
          case COMPLETED -> "nothing left to do";
          case FAILED -> "workflow failed";
          case ABORTED -> "workflow aborted";
        };
    if (o.status() == RunOutcome.Status.COMPLETED && o.ranThisRun() > 0) {
      verdict = "workflow completed";
    }
    return String.format(
        Locale.ROOT,
        "%s: %s — %d of %d rules complete, %d ran in this run, %d failed, %.2f s%s",
        workflow,
        verdict,
        o.completed(),
        o.rules(),
        o.ranThisRun(),
        o.failed(),
        secs,
        o.ranThisRun() > 0 && secs > 0
            ? String.format(Locale.ROOT, " (%.0f rules/s)", o.ranThisRun() / secs)
            : "");
  }
}

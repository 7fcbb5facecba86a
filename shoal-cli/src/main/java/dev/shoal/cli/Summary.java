package dev.shoal.cli;

import dev.shoal.engine.run.RunOutcome;

/** The closing lines of a run. */
final class Summary {
  private Summary() {}

  static String text(String workflow, RunOutcome o) {
    long micros = o.elapsedMicros();
    String verdict =
        switch (o.status()) {
          case COMPLETED -> "nothing left to do";
          case FAILED -> "workflow failed";
          case ABORTED -> "workflow aborted";
        };
    if (o.status() == RunOutcome.Status.COMPLETED && o.ranThisRun() > 0) {
      verdict = "workflow completed";
    }
    // Integer arithmetic, not String.format: the first format of a run costs ~5 ms (Formatter,
    // floating-point conversion), a visible part of a short run's time.
    long hundredths = (micros + 5_000) / 10_000;
    StringBuilder text =
        new StringBuilder(workflow)
            .append(": ")
            .append(verdict)
            .append(" — ")
            .append(o.completed())
            .append(" of ")
            .append(o.rules())
            .append(" rules complete, ")
            .append(o.ranThisRun())
            .append(" ran in this run, ")
            .append(o.failed())
            .append(" failed, ")
            .append(hundredths / 100)
            .append('.')
            .append(hundredths % 100 < 10 ? "0" : "")
            .append(hundredths % 100)
            .append(" s");
    if (o.ranThisRun() > 0 && micros > 0) {
      text.append(" (").append(Math.round(o.ranThisRun() / (micros / 1e6))).append(" rules/s)");
    }
    return text.toString();
  }
}

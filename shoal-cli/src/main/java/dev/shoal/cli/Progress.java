package dev.shoal.cli;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.run.Journal;
import dev.shoal.engine.run.RunListener;
import dev.shoal.engine.run.RunOutcome;
import dev.shoal.engine.spi.TaskResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how a run goes. On a terminal: one live line (done / running / waiting / failed, rate, ETA)
 * redrawn at most 10 times a second. Otherwise: a plain line at most every 10 seconds. Failures are
 * always printed on their own line with the rule's number and line.
 */
final class Progress implements RunListener {
  private final Dag dag;
  private final PrintWriter err;
  private final boolean live;
  private final LongSupplier micros;
  private final long start;
  private final long interval;
  private long lastDraw;
  private int ended;
  private boolean drawn;

  Progress(Dag dag, PrintWriter err, boolean live, LongSupplier micros) {
    this.dag = dag;
    this.err = err;
    this.live = live;
    this.micros = micros;
    this.start = micros.getAsLong();
    this.interval = live ? 100_000 : 10_000_000;
    this.lastDraw = start;
  }

  @Override
  public void ruleStarted(int rule, Journal.Counts counts) {
    maybeDraw(counts);
  }

  @Override
  public void ruleEnded(
      int rule, TaskResult result, boolean ok, boolean willRetry, Journal.Counts counts) {
    ended++;
    if (!ok) {
      clearLine();
      var r = dag.rule(rule);
      err.printf(
          Locale.ROOT,
          "%s:%d: rule %d %s%s%n",
          dag.workflow().file().getFileName(),
          r.line(),
          rule,
          describe(result),
          willRetry ? " — retrying" : "");
      err.flush();
    }
    maybeDraw(counts);
  }

  @Override
  public void note(String message) {
    clearLine();
    err.println(message);
    err.flush();
  }

  @Override
  public void finished(RunOutcome outcome) {
    clearLine();
  }

  private static String describe(TaskResult r) {
    return switch (r.outcome()) {
      case EXITED -> "failed with exit code " + r.exitCode();
      case SIGNALED -> "was killed by signal " + r.signal();
      case RESOURCE_EXHAUSTED -> "exceeded its resources: " + r.message();
      case BACKEND_ERROR -> "failed: " + r.message();
      case CANCELLED -> "was cancelled";
    };
  }

  private void maybeDraw(Journal.Counts c) {
    long now = micros.getAsLong();
    if (now - lastDraw < interval) {
      return;
    }
    lastDraw = now;
    double secs = (now - start) / 1e6;
    double rate = secs > 0 ? ended / secs : 0;
    int left = c.total() - c.complete() - c.failed();
    String eta = rate > 0 ? formatDuration(left / rate) : "?";
    String line =
        String.format(
            Locale.ROOT,
            "%d/%d done, %d running, %d waiting, %d failed — %.1f rules/s, ETA %s",
            c.complete(),
            c.total(),
            c.running(),
            c.waiting(),
            c.failed(),
            rate,
            eta);
    if (live) {
      err.print("\r\033[K" + line);
      drawn = true;
    } else {
      err.println(line);
    }
    err.flush();
  }

  private void clearLine() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }

  static String formatDuration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }
}

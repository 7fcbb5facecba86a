package dev.shoal.wq.manager;

import dev.shoal.engine.spi.TaskResult;
import dev.shoal.lang.model.Resources;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.SummaryJson;
import dev.shoal.wire.TaskStatus;
import dev.shoal.wire.WorkerMessage;
import java.nio.charset.StandardCharsets;

/** Turns a worker's {@code result} into the engine's {@link TaskResult}. Pure. */
final class Results {
  private Results() {}

  /**
   * @param r the result line (never FORSAKEN: that is requeued, not reported)
   * @param startMicros when the task was sent
   * @param endMicros when its result arrived
   * @param measured the usage the worker measured, or {@link Resources#NONE}
   */
  static TaskResult of(
      WorkerMessage.Result r, long startMicros, long endMicros, Resources measured) {
    // The command's own run time, when the worker says: a better start than the dispatch time.
    long start = Math.max(startMicros, endMicros - r.execMicros());
    return switch (r.status()) {
      case SUCCESS ->
          new TaskResult(
              TaskResult.Outcome.EXITED, r.exitCode(), 0, start, endMicros, measured, null);
      case SIGNAL ->
          new TaskResult(
              TaskResult.Outcome.SIGNALED,
              -1,
              r.exitCode(),
              start,
              endMicros,
              measured,
              "killed by signal " + r.exitCode() + " on the worker");
      case RESOURCE_EXHAUSTION, TASK_TIMEOUT, TASK_MAX_RUN_TIME ->
          new TaskResult(
              TaskResult.Outcome.RESOURCE_EXHAUSTED,
              r.exitCode(),
              0,
              start,
              endMicros,
              measured,
              "exceeded its allocation on the worker (" + describe(r.status()) + ")");
      default ->
          new TaskResult(
              TaskResult.Outcome.BACKEND_ERROR,
              -1,
              0,
              start,
              endMicros,
              measured,
              "the worker reported " + describe(r.status()));
    };
  }

  static String describe(TaskStatus s) {
    return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + s.code() + ")";
  }

  /**
   * The resource summary in a {@code .shoal-usage.json}, or null when it cannot be read (the worker
   * wrote none, or something else).
   */
  static Summary summary(byte[] json) {
    if (json == null) {
      return null;
    }
    try {
      return SummaryJson.parse(new String(json, StandardCharsets.UTF_8), ".shoal-usage.json");
    } catch (RuntimeException e) {
      System.getLogger(Results.class.getName())
          .log(System.Logger.Level.WARNING, "unreadable .shoal-usage.json: " + e.getMessage());
      return null;
    }
  }
}

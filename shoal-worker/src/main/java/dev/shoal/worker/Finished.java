package dev.shoal.worker;

import dev.shoal.monitor.Resource;
import dev.shoal.monitor.Summary;
import dev.shoal.wire.TaskStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a finished task is reported: its Work Queue status and exit code, derived from how its shell
 * ended and what the monitor saw. Pure.
 */
record Finished(TaskStatus status, int exitCode, String note) {

  /**
   * @param shellStatus the task subshell's {@code $?}, or -1 if the shell running it died
   * @param summary the monitor's summary of the task
   * @param deadlineBinding whether the task's wall-time limit came from its {@code end_time}
   *     (TASK_TIMEOUT) rather than its {@code wall_time} (TASK_MAX_RUN_TIME)
   */
  static Finished of(int shellStatus, Summary summary, boolean deadlineBinding) {
    if (shellStatus < 0) {
      return new Finished(
          TaskStatus.FORSAKEN, 0, "the shell running the task died; the manager may retry it");
    }
    Map<Resource, Double> over = summary.limitsExceeded();
    if (!over.isEmpty()) {
      TaskStatus s =
          over.keySet().equals(Set.of(Resource.WALL_TIME))
              ? (deadlineBinding ? TaskStatus.TASK_TIMEOUT : TaskStatus.TASK_MAX_RUN_TIME)
              : TaskStatus.RESOURCE_EXHAUSTION;
      return new Finished(s, shellStatus, describe(over, summary));
    }
    if (summary.signal() > 0) {
      return new Finished(TaskStatus.SIGNAL, summary.signal(), null);
    }
    return new Finished(TaskStatus.SUCCESS, shellStatus, null);
  }

  /** {@code memory 612 MB > 500 MB} for every exceeded limit. */
  private static String describe(Map<Resource, Double> over, Summary s) {
    StringBuilder b = new StringBuilder("the task exceeded its allocation:");
    for (Map.Entry<Resource, Double> e : over.entrySet()) {
      Resource r = e.getKey();
      b.append(
          String.format(
              Locale.ROOT,
              " %s %.0f %s > %.0f %s;",
              r.key(),
              s.usage().value(r),
              r.unit(),
              e.getValue(),
              r.unit()));
    }
    return b.toString();
  }
}

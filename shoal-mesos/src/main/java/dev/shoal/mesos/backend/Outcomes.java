package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.MeasuredPeaks;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.lang.model.Resources;
import dev.shoal.mesos.TaskStatus;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.SummaryJson;
import dev.shoal.worker.launch.DirStream;
import dev.shoal.worker.launch.LaunchReport;
import dev.shoal.worker.launch.LaunchSpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a terminal Mesos status and the launcher's report (if it arrived) to what the engine is
 * told. Pure. The rule: whatever the command did is reported as it is; whatever the cluster did (a
 * lost agent, a dropped launch, a launcher that could not reach the engine) is run again.
 */
final class Outcomes {
  private static final Pattern EXIT = Pattern.compile("exited with status (\\d+)");

  private Outcomes() {}

  static Ending of(TaskStatus status, LaunchReport report, long start, long end) {
    String why =
        status.state()
            + (status.reason() == TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED
                ? " (REASON_CONTAINER_LAUNCH_FAILED)"
                : "")
            + (status.message() != null ? ": " + status.message() : "");
    return switch (status.state()) {
      case TASK_FINISHED, TASK_FAILED ->
          report != null ? fromReport(report, start, end) : withoutReport(status, why, start, end);
      case TASK_KILLED -> new Ending.Requeue("killed by the cluster (" + why + ")");
      default -> new Ending.Requeue(why);
    };
  }

  /**
   * A member of a bundle whose report arrived: what the report says (a failing member does not fail
   * its siblings, each has its own).
   */
  static Ending ofMember(LaunchReport r, long start, long end) {
    return fromReport(r, start, end);
  }

  /**
   * A member of a bundle whose Mesos task ended with {@code status} before its report arrived: the
   * member did not run to its end, or its report was lost with the agent; either way it runs again
   * (the executor sends every report it has before its terminal update ends the task).
   */
  static Ending unreportedMember(TaskStatus status) {
    return switch (status.state()) {
      case TASK_FINISHED ->
          new Ending.Requeue(
              "the bundle finished but this rule's report never" + " reached the engine");
      case TASK_KILLED ->
          new Ending.Requeue("the bundle was killed by the cluster before this rule ran");
      default ->
          new Ending.Requeue(
              "the bundle ended "
                  + status.state()
                  + (status.message() != null ? ": " + status.message() : "")
                  + " before this rule was reported");
    };
  }

  private static Ending fromReport(LaunchReport r, long start, long end) {
    Summary summary = summary(r.summary());
    Resources peak = summary == null ? Resources.NONE : MeasuredPeaks.of(summary);
    String message = r.message().isEmpty() ? null : r.message();
    return switch (r.outcome()) {
      case EXITED ->
          new Ending.Done(
              new TaskResult(TaskResult.Outcome.EXITED, r.exit(), 0, start, end, peak, message),
              summary);
      case SIGNALED ->
          new Ending.Done(
              new TaskResult(
                  TaskResult.Outcome.SIGNALED, r.exit(), r.signal(), start, end, peak, message),
              summary);
      case RESOURCE_EXHAUSTED ->
          new Ending.Done(
              new TaskResult(
                  TaskResult.Outcome.RESOURCE_EXHAUSTED,
                  r.exit(),
                  r.signal(),
                  start,
                  end,
                  peak,
                  message),
              summary);
      case INPUT_FAILED ->
          refused(message)
              ? new Ending.Done(
                  new TaskResult(TaskResult.Outcome.BACKEND_ERROR, 0, 0, start, end, peak, message))
              : new Ending.Requeue("the task could not download an input: " + message);
      case OUTPUT_FAILED ->
          message != null && (message.contains("was not created") || refused(message))
              ? new Ending.Done(
                  new TaskResult(TaskResult.Outcome.BACKEND_ERROR, 0, 0, start, end, peak, message))
              : new Ending.Requeue("the task could not upload its outputs: " + message);
    };
  }

  /** A directory the transfer format refuses: it would be refused again, so it is final. */
  private static boolean refused(String message) {
    return message != null && message.contains(DirStream.REFUSED);
  }

  private static Ending withoutReport(TaskStatus s, String why, long start, long end) {
    if (s.state() == dev.shoal.mesos.TaskState.TASK_FINISHED) {
      return new Ending.Requeue("the task finished but its report never reached the engine");
    }
    Matcher m = EXIT.matcher(s.message() == null ? "" : s.message());
    if (!m.find()) {
      return new Ending.Requeue(why); // the executor or fetcher failed, not the command
    }
    int code = Integer.parseInt(m.group(1));
    if (code >= LaunchSpec.EXIT_INPUT_FAILED && code <= LaunchSpec.EXIT_LAUNCHER) {
      return new Ending.Requeue("the task launcher failed (" + why + ")");
    }
    return new Ending.Done(
        new TaskResult(TaskResult.Outcome.EXITED, code, 0, start, end, Resources.NONE, why));
  }

  /** The summary a report carries, or null without a readable one. */
  static Summary summary(String summaryJson) {
    if (summaryJson.isEmpty()) {
      return null;
    }
    try {
      return SummaryJson.parse(summaryJson, "task report");
    } catch (RuntimeException e) {
      return null;
    }
  }
}

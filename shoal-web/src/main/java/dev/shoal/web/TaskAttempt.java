package dev.shoal.web;

import java.util.Objects;

/**
 * One attempt at running one rule: from its RUNNING line in the log to the line that ended it.
 *
 * @param ruleId the rule (node id)
 * @param category the rule's category
 * @param attempt 1 for the first attempt at this rule in the log, 2 for the next, ...
 * @param jobId the back end's job id
 * @param startMicros the RUNNING line's timestamp, Unix microseconds
 * @param endMicros the timestamp of the line that ended it; for {@link Outcome#RUNNING}, the last
 *     timestamp of the log; for {@link Outcome#INTERRUPTED}, the last timestamp before the restart
 * @param outcome how it ended
 * @param allocation what it was given ({@code # TASK_ALLOCATION}, else the category's allocation
 *     then in force, else {@link Allocation#UNKNOWN})
 * @param usage what it measurably used, {@link Usage#NONE} without a summary (a rule's summary is
 *     given to its last attempt only: the monitor overwrites it per attempt)
 */
public record TaskAttempt(
    int ruleId,
    String category,
    int attempt,
    long jobId,
    long startMicros,
    long endMicros,
    Outcome outcome,
    Allocation allocation,
    Usage usage) {

  /** How an attempt ended. */
  public enum Outcome {
    /** The rule completed. */
    COMPLETE,
    /** The rule failed (it may be retried by a later attempt). */
    FAILED,
    /** The run was aborted while it ran. */
    ABORTED,
    /** The workflow was stopped (killed) while it ran and restarted later: it was redone. */
    INTERRUPTED,
    /** Still running when the log ends. */
    RUNNING
  }

  public TaskAttempt {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(allocation, "allocation");
    Objects.requireNonNull(usage, "usage");
    if (endMicros < startMicros) {
      throw new IllegalArgumentException(
          "rule " + ruleId + " attempt " + attempt + " ends before it starts");
    }
  }

  /** Wall time held, seconds: from the log (the time its allocation was reserved). */
  public double wallSeconds() {
    return (endMicros - startMicros) / 1e6;
  }

  /** Cores allocated × wall time; NaN if the cores allocated are unknown. */
  public double allocatedCoreSeconds() {
    return allocation.cores() * wallSeconds();
  }

  /** Memory allocated × wall time, MB·s; NaN if unknown. */
  public double allocatedMemoryMbSeconds() {
    return allocation.memoryMb() * wallSeconds();
  }

  /** CPU time used, core·s; NaN without a summary. */
  public double usedCoreSeconds() {
    return usage.cpuTimeS();
  }

  /** Peak memory × wall time, MB·s; NaN without a summary. */
  public double usedMemoryMbSeconds() {
    return usage.memoryMb() * wallSeconds();
  }

  /** Average cores in use over the attempt (CPU time / wall time); NaN if unknown. */
  public double coresInUse() {
    double wall = wallSeconds();
    return wall > 0 ? usage.cpuTimeS() / wall : Double.NaN;
  }
}

package dev.shoal.engine.run;

/**
 * How a run ended and what it did.
 *
 * @param status the end state
 * @param rules rules in the workflow
 * @param completed rules complete at the end (including those complete before this run)
 * @param ranThisRun rule attempts that ended during this run
 * @param failed rules that failed for good
 * @param elapsedMicros wall time of this run
 */
public record RunOutcome(
    Status status, int rules, int completed, int ranThisRun, int failed, long elapsedMicros) {

  /** The end state of a run. */
  public enum Status {
    COMPLETED,
    FAILED,
    ABORTED
  }

  /** Process exit code: 0 for a completed run, 1 otherwise. */
  public int exitCode() {
    return status == Status.COMPLETED ? 0 : 1;
  }
}

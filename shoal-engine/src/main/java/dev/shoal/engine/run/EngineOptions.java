package dev.shoal.engine.run;

import dev.shoal.lang.model.AllocationMode;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs a workflow. Immutable; built by the command line.
 *
 * @param maxLocal rules running at once on the local back end ({@code -j})
 * @param maxRemote rules running at once on the remote back end ({@code -J})
 * @param retry when failures are retried
 * @param zeroLengthError an output of zero length is a failure ({@code -z})
 * @param waitForFiles how long to wait for a missing output to appear ({@code
 *     --wait-for-files-upto})
 * @param gc garbage collection of intermediates
 * @param saveFailedOutput move a failed rule's outputs to {@code makeflow.failed.<rule>/}
 * @param limits resources local rules may use together
 * @param skipFileCheck on recovery, do not look at files on disk ({@code --skip-file-check})
 * @param allocationMode how categories that set no mode size their tasks ({@code --allocation})
 */
public record EngineOptions(
    int maxLocal,
    int maxRemote,
    RetryPolicy retry,
    boolean zeroLengthError,
    Duration waitForFiles,
    GcPolicy gc,
    boolean saveFailedOutput,
    LocalLimits limits,
    boolean skipFileCheck,
    AllocationMode allocationMode) {

  public EngineOptions {
    if (maxLocal < 1 || maxRemote < 1) {
      throw new IllegalArgumentException(
          "-j and -J must be at least 1, got -j " + maxLocal + " -J " + maxRemote);
    }
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(waitForFiles, "waitForFiles");
    Objects.requireNonNull(gc, "gc");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(allocationMode, "allocationMode");
  }

  /** Defaults of {@code makeflow -T local} on this machine. */
  public static EngineOptions defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new EngineOptions(
        cores,
        cores,
        RetryPolicy.DEFAULT,
        false,
        Duration.ZERO,
        GcPolicy.NONE,
        true,
        LocalLimits.machine(),
        false,
        AllocationMode.FIXED);
  }
}

package dev.shoal.engine.spi;

import dev.shoal.lang.model.Resources;

/**
 * How one attempt ended.
 *
 * @param outcome the kind of ending
 * @param exitCode the command's exit code ({@link Outcome#EXITED}), else -1
 * @param signal the signal that ended the command ({@link Outcome#SIGNALED}), else 0
 * @param startMicros when the command started, Unix microseconds
 * @param endMicros when it ended, Unix microseconds
 * @param measured measured peak usage, or {@link Resources#NONE} when not measured
 * @param message a human-readable reason for anything but a normal exit, or {@code null}
 */
public record TaskResult(
    Outcome outcome,
    int exitCode,
    int signal,
    long startMicros,
    long endMicros,
    Resources measured,
    String message) {

  /** The kind of ending of an attempt. */
  public enum Outcome {
    /** The command ran and exited with {@code exitCode}. */
    EXITED,
    /** The command was ended by {@code signal}. */
    SIGNALED,
    /** The attempt exceeded its allocation and was stopped. */
    RESOURCE_EXHAUSTED,
    /** The back end could not run it (missing input, launch failure, lost worker, ...). */
    BACKEND_ERROR,
    /** Cancelled at the engine's request. */
    CANCELLED
  }

  /** True when the command ran and exited 0. */
  public boolean succeeded() {
    return outcome == Outcome.EXITED && exitCode == 0;
  }
}
